# bench_validation: validations per second of one document against one schema, plus the same
# schema through valijson's Qt adapter for comparison. See run.sh.
qt_add_executable(bench_validation ${CMAKE_CURRENT_LIST_DIR}/bench_validation.cpp)
target_link_libraries(bench_validation PRIVATE hookscope_core Qt6::Core nlohmann_json::nlohmann_json hookscope_warnings)
target_include_directories(bench_validation SYSTEM PRIVATE ${VALIJSON_INCLUDE_DIR})
target_compile_definitions(bench_validation PRIVATE VALIJSON_USE_EXCEPTIONS=1)
set_target_properties(bench_validation PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
