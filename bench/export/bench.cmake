# bench_export: export 100,000 events as JSON and HAR, import them back; time and peak RSS.
qt_add_executable(bench_export ${CMAKE_CURRENT_LIST_DIR}/bench_export.cpp)
target_link_libraries(bench_export PRIVATE hookscope_core Qt6::Core hookscope_warnings)
set_target_properties(bench_export PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
