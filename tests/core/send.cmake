# `hookscope send`: test events to the user's app (core/relay/TestEvent, TestSender; schema/InvalidVariants).
hookscope_core_test(tst_sendcommand)
hookscope_core_test(tst_testevent)
