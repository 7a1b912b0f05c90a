# Deliveries grouped (issue 26, branch group26; included by CMakeLists.txt).
hookscope_core_test(tst_deliverygrouping)
