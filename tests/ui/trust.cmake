# Window tests for core/trust and hostile input (included by CMakeLists.txt).
hookscope_ui_test(tst_trustwindow FakeInspector.h FakeInspector.cpp)
target_link_libraries(tst_trustwindow PRIVATE hookscope_testsupport)
hookscope_ui_test(tst_hostileinput)
target_link_libraries(tst_hostileinput PRIVATE hookscope_testsupport)
hookscope_ui_test(tst_jsontreeview)
