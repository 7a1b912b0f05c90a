# issue 19, points 1-2 (branch inspect): failure containment and the poison-pill guard of the inspection path.
hookscope_core_test(tst_inspectioncontainment)
hookscope_core_test(tst_hostilebodies)
