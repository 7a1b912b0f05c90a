# Tests for core/trust (included by CMakeLists.txt).
hookscope_core_test(tst_endpointguard)
hookscope_core_test(tst_signatureverifier)
hookscope_core_test(tst_trustreceiver)
hookscope_core_test(tst_storerecovery)
hookscope_core_test(tst_slowclients)

# Bounded fuzz runs inside the suite: `make test` (with CI set, or FUZZ_IN_TEST=1) builds the
# fuzz tree (clang, libFuzzer, tests/fuzz) first and points here at its folder of binaries,
# which these tests only run; new inputs go to corpus folders in this build tree, and a crash,
# a sanitizer report or a hung input leaves its input there (crash-*, timeout-*) and fails the test.
set(HOOKSCOPE_FUZZ_DIR "" CACHE PATH "Folder of the already-built fuzz targets (build-fuzz/tests/fuzz) to run as tests")
set(HOOKSCOPE_FUZZ_SECONDS 30 CACHE STRING "How long the request-handling fuzz test runs")
set(HOOKSCOPE_FUZZ_IMPORT_SECONDS 10 CACHE STRING "How long each importer fuzz test runs")
set(HOOKSCOPE_FUZZ_INSPECTION_SECONDS 12 CACHE STRING "How long the inspection fuzz test runs")
if(HOOKSCOPE_FUZZ_DIR)
  foreach(spec "request_handling|corpus|4096|${HOOKSCOPE_FUZZ_SECONDS}"
               "export_import|corpus-export|8192|${HOOKSCOPE_FUZZ_IMPORT_SECONDS}"
               "har_import|corpus-har|8192|${HOOKSCOPE_FUZZ_IMPORT_SECONDS}"
               "curl_quote|corpus-curl|4096|${HOOKSCOPE_FUZZ_IMPORT_SECONDS}"
               "inspection|corpus-inspection|8192|${HOOKSCOPE_FUZZ_INSPECTION_SECONDS}"
               "rule_file|corpus-rules|8192|${HOOKSCOPE_FUZZ_IMPORT_SECONDS}")
    string(REPLACE "|" ";" spec "${spec}")
    list(GET spec 0 name)
    list(GET spec 1 seeds)
    list(GET spec 2 max_len)
    list(GET spec 3 seconds)
    set(fuzz_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz/${name})
    file(MAKE_DIRECTORY ${fuzz_work}/corpus)
    add_test(NAME fuzz_${name}
      COMMAND ${HOOKSCOPE_FUZZ_DIR}/fuzz_${name} -max_total_time=${seconds} -max_len=${max_len}
              -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=${fuzz_work}/
              ${fuzz_work}/corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/${seeds})
    # Started first (COST) so the rest of the suite runs beside them.
    set_tests_properties(fuzz_${name} PROPERTIES TIMEOUT 300 COST 1000 LABELS fuzz)
  endforeach()
endif()
hookscope_core_test(tst_secretstore)
hookscope_core_test(tst_trustoptions)
hookscope_core_test(tst_secretredaction)
hookscope_core_test(tst_endpointsecret)
# Signature presets against the vendors' own vectors (branch sig), and end to end through a child.
hookscope_core_test(tst_signaturepresets)
hookscope_core_test(tst_signaturereceiver)
