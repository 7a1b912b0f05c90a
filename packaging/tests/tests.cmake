# Checks of what gets installed: metadata validators, the man page and the .deb itself.
add_test(NAME packaging_desktop_file
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/validate-metadata.sh desktop
          ${CMAKE_CURRENT_SOURCE_DIR}/${HOOKSCOPE_APP_ID}.desktop)
add_test(NAME packaging_metainfo
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/validate-metadata.sh metainfo
          ${CMAKE_CURRENT_BINARY_DIR}/${HOOKSCOPE_APP_ID}.metainfo.xml)
add_test(NAME packaging_manpage
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/check-manpage.sh $<TARGET_FILE:hookscope> ${man})
add_test(NAME packaging_install
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/install-test.sh ${PROJECT_BINARY_DIR})
add_test(NAME packaging_flatpak_manifest
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/check-flatpak.sh
          ${CMAKE_CURRENT_SOURCE_DIR}/flatpak/${HOOKSCOPE_APP_ID}.yml ${HOOKSCOPE_APP_ID})
set_tests_properties(packaging_desktop_file packaging_metainfo packaging_manpage packaging_install
  packaging_flatpak_manifest PROPERTIES
  LABELS packaging SKIP_RETURN_CODE 77 ENVIRONMENT "no_proxy=*;NO_PROXY=*")
# cpack only installs what is already built (no test builds anything), so it can run beside the
# others; a high COST makes ctest start it first instead of last and alone (about 25 s).
set_tests_properties(packaging_install PROPERTIES TIMEOUT 600 COST 1000)
