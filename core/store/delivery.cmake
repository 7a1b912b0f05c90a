# Deliveries grouped (issue 26, branch group26): the store's delivery keys and their grouping,
# and the indexer that computes the keys (enrich/: it needs the kinds).
target_sources(hookscope_core PRIVATE
  store/DeliveryRecord.h store/EventStoreDelivery.cpp
  store/DeliveryGroup.h store/DeliveryGrouper.h store/DeliveryGrouper.cpp
  enrich/DeliveryIndexer.h enrich/DeliveryIndexer.cpp
)
