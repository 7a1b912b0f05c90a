# hookscope_ui: settings dialog, first-run panel, menus.
target_sources(hookscope_ui PRIVATE
  FirstRunPanel.h FirstRunPanel.cpp
  MainMenuBar.h MainMenuBar.cpp
  PlainLabel.h PlainLabel.cpp
  RespondScreenshot.h RespondScreenshot.cpp
  SystemTheme.h SystemTheme.cpp
  settings/AnswerSettingsPage.h settings/AnswerSettingsPage.cpp
  settings/HoldSettingsPage.h settings/HoldSettingsPage.cpp
  settings/KindsSettingsPage.h settings/KindsSettingsPage.cpp
  settings/PackKindsModel.h settings/PackKindsModel.cpp
  settings/ReceiverSettingsPage.h settings/ReceiverSettingsPage.cpp
  settings/RoutesModel.h settings/RoutesModel.cpp
  settings/SettingsDialog.h settings/SettingsDialog.cpp
  settings/SettingsField.h settings/SettingsField.cpp
  settings/SettingsPage.h
  settings/SettingsPages.h settings/SettingsPages.cpp
  settings/SignatureRulesModel.h settings/SignatureRulesModel.cpp
  settings/TrustSettingsPage.h settings/TrustSettingsPage.cpp
  settings/TunnelSettingsPage.h settings/TunnelSettingsPage.cpp
)
target_include_directories(hookscope_ui PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/settings)
set_source_files_properties(${PROJECT_SOURCE_DIR}/packaging/icons/io.github.hookscope.Hookscope.svg
  PROPERTIES QT_RESOURCE_ALIAS hookscope.svg)
qt_add_resources(hookscope_ui "icons"
  PREFIX /icons
  BASE ${PROJECT_SOURCE_DIR}/packaging/icons
  FILES ${PROJECT_SOURCE_DIR}/packaging/icons/io.github.hookscope.Hookscope.svg)
