# Deliveries grouped (issue 26, branch group26): the store's delivery keys and their grouping,
# and the indexer that computes the keys (enrich/: it needs the kinds).
target_sources(hookscope_core PRIVATE
  store/DeliveryRecord.h store/EventStoreDelivery.cpp
  store/DeliveryGroup.h store/DeliveryGrouper.h store/DeliveryGrouper.cpp
  store/DeliveryGroupIndex.h store/DeliveryGroupIndex.cpp
  enrich/DeliveryIndexer.h enrich/DeliveryIndexer.cpp
)
# The grouping's benchmark (bench/deliveries): built with the other benchmarks, never run by ctest.
if(HOOKSCOPE_BENCH AND NOT HOOKSCOPE_FUZZ)
  include(${PROJECT_SOURCE_DIR}/bench/deliveries/bench.cmake)
endif()
