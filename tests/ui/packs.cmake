hookscope_ui_test(tst_packsui FakeInspector.h FakeInspector.cpp TestWindow.h TestWindow.cpp)
