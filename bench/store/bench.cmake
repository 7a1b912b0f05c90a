# bench_search: the text filter over 100k/300k/1M events through the search index and by the
# old scan, and the writer's insert rate with and without the index (issue 25).
qt_add_executable(bench_search ${CMAKE_CURRENT_LIST_DIR}/bench_search.cpp)
target_link_libraries(bench_search PRIVATE hookscope_core Qt6::Core Qt6::Sql hookscope_warnings)
set_target_properties(bench_search PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
