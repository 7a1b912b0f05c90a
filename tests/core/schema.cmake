# Tests for core/schema and the validate / schemas sub-commands (included by CMakeLists.txt).
hookscope_core_test(tst_jsonpointer)
hookscope_core_test(tst_validator)
hookscope_core_test(tst_classifier)
hookscope_core_test(tst_schemaregistry)
hookscope_core_test(tst_validatecommand)
hookscope_core_test(tst_schemasuite)
hookscope_core_test(tst_userschemas)
hookscope_core_test(tst_packs)
hookscope_core_test(tst_userpacks)

# Bounded run of the schema fuzz target when the fuzz tree is built (see tests/core/trust.cmake).
set(HOOKSCOPE_FUZZ_SCHEMA_SECONDS 10 CACHE STRING "How long the schema fuzz test runs")
if(HOOKSCOPE_FUZZ_DIR)
  set(fuzz_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz/schema_compile)
  file(MAKE_DIRECTORY ${fuzz_work}/corpus)
  add_test(NAME fuzz_schema_compile
    COMMAND ${HOOKSCOPE_FUZZ_DIR}/fuzz_schema_compile -max_total_time=${HOOKSCOPE_FUZZ_SCHEMA_SECONDS} -max_len=4096
            -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=${fuzz_work}/
            ${fuzz_work}/corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus-schema)
  set_tests_properties(fuzz_schema_compile PROPERTIES TIMEOUT 300 COST 1000 LABELS fuzz)
endif()

# Bounded run of the query-language fuzz target (issue 27) when the fuzz tree is built.
set(HOOKSCOPE_FUZZ_QUERY_SECONDS 10 CACHE STRING "How long the query parser fuzz test runs")
if(HOOKSCOPE_FUZZ_DIR)
  set(fuzz_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz/query_parse)
  file(MAKE_DIRECTORY ${fuzz_work}/corpus)
  add_test(NAME fuzz_query_parse
    COMMAND ${HOOKSCOPE_FUZZ_DIR}/fuzz_query_parse -max_total_time=${HOOKSCOPE_FUZZ_QUERY_SECONDS} -max_len=512
            -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=${fuzz_work}/
            ${fuzz_work}/corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus-query)
  set_tests_properties(fuzz_query_parse PROPERTIES TIMEOUT 300 COST 1000 LABELS fuzz)
endif()
