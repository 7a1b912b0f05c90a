# Tests for core/trust (included by CMakeLists.txt).
hookscope_core_test(tst_endpointguard)
hookscope_core_test(tst_signatureverifier)
hookscope_core_test(tst_trustreceiver)
hookscope_core_test(tst_storerecovery)
hookscope_core_test(tst_slowclients)

# A bounded fuzz run inside the suite: `make test` builds the fuzz tree (clang, libFuzzer)
# first and points here at its binary, which this test only runs; new inputs go to a corpus
# folder in the build tree, a crash leaves its input there as crash-* and fails the test.
set(HOOKSCOPE_FUZZ_BINARY "" CACHE FILEPATH "Already-built fuzz_request_handling to run as a test")
set(HOOKSCOPE_FUZZ_SECONDS 30 CACHE STRING "How long the fuzz test runs")
if(HOOKSCOPE_FUZZ_BINARY)
  set(fuzz_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz)
  file(MAKE_DIRECTORY ${fuzz_work}/corpus)
  add_test(NAME fuzz_request_handling
    COMMAND ${HOOKSCOPE_FUZZ_BINARY} -max_total_time=${HOOKSCOPE_FUZZ_SECONDS} -max_len=4096 -rss_limit_mb=2048
            -artifact_prefix=${fuzz_work}/ ${fuzz_work}/corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus)
  set_tests_properties(fuzz_request_handling PROPERTIES TIMEOUT 300)
endif()
hookscope_core_test(tst_secretstore)
hookscope_core_test(tst_trustoptions)
