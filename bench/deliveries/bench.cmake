# bench_deliveries: a live refresh of "Group deliveries" at 100k and 300k keyed events, the whole
# regrouping (as before) against the incremental one (DeliveryGroupIndex). Run by hand.
qt_add_executable(bench_deliveries ${CMAKE_CURRENT_LIST_DIR}/bench_deliveries.cpp)
target_link_libraries(bench_deliveries PRIVATE hookscope_core Qt6::Core hookscope_warnings)
set_target_properties(bench_deliveries PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
