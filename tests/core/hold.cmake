# Tests for core/hold (included by CMakeLists.txt).
hookscope_core_test(tst_holddesk)
hookscope_core_test(tst_kindprefilter)
hookscope_core_test(tst_presetcatalog)
hookscope_core_test(tst_respondheadless)
hookscope_core_test(tst_cubupack)
hookscope_core_test(tst_packsignatures)
hookscope_core_test(tst_capturesession)
hookscope_core_test(tst_threadpriority)
hookscope_core_test(tst_packanswers)
# Answer rules (issue 26, branch rules26): the rule file, and the rules on real sockets.
hookscope_core_test(tst_answerrules)
hookscope_core_test(tst_answerrulesession)
