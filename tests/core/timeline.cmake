# The timeline's bucket aggregation (issue 27 point 4, branch timeline27).
hookscope_core_test(tst_timelinebuckets)
