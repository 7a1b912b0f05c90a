# Replay dialog, forwarding and ngrok in the window.
hookscope_ui_test(tst_replaydialog)
hookscope_ui_test(tst_relaywindow)
target_link_libraries(tst_relaywindow PRIVATE hookscope_testsupport)
hookscope_ui_test(tst_forwarddialog)
