# Tests for core/translate and the translations sub-command (included by CMakeLists.txt).
hookscope_core_test(tst_translationindex)
hookscope_core_test(tst_languagenames)
hookscope_core_test(tst_translationscommand)
