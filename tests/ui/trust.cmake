# Window tests for core/trust and hostile input (included by CMakeLists.txt).
hookscope_ui_test(tst_trustwindow)
target_link_libraries(tst_trustwindow PRIVATE hookscope_testsupport)
hookscope_ui_test(tst_hostileinput)
target_link_libraries(tst_hostileinput PRIVATE hookscope_testsupport)
hookscope_ui_test(tst_jsontreeview)
# A 20 MB body is validated on the enrichment worker: minutes on a loaded machine.
set_tests_properties(tst_hostileinput PROPERTIES TIMEOUT 900)
