# Tests for core/schema and the validate / schemas sub-commands (included by CMakeLists.txt).
hookscope_core_test(tst_jsonpointer)
hookscope_core_test(tst_validator)
hookscope_core_test(tst_classifier)
hookscope_core_test(tst_schemaregistry)
hookscope_core_test(tst_validatecommand)
hookscope_core_test(tst_packs)
hookscope_core_test(tst_userpacks)
