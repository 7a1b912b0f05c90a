# Tests for core/exchange and the export / import sub-commands (included by CMakeLists.txt).
hookscope_core_test(tst_exportwriter ExchangeSamples.h)
hookscope_core_test(tst_importreader ExchangeSamples.h)
hookscope_core_test(tst_harwriter ExchangeSamples.h)
hookscope_core_test(tst_curlcommand ExchangeSamples.h)
hookscope_core_test(tst_curlshells ExchangeSamples.h)
hookscope_core_test(tst_exchangeroundtrip ExchangeSamples.h)
hookscope_core_test(tst_exchangecommands ExchangeSamples.h)
hookscope_core_test(tst_harroundtrip ExchangeSamples.h)
