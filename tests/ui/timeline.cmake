# The timeline strip and its wiring (issue 27 point 4, branch timeline27).
hookscope_ui_test(tst_timelinestrip)
hookscope_ui_test(tst_timelinecontroller)
