# ui/settings: the Settings dialog and its pages.
target_sources(hookscope_ui PRIVATE
  settings/AnswerSettingsPage.h settings/AnswerSettingsPage.cpp
  settings/ByteSizeText.h settings/ByteSizeText.cpp
  settings/HoldSettingsPage.h settings/HoldSettingsPage.cpp
  settings/ReceiverSettingsPage.h settings/ReceiverSettingsPage.cpp
  settings/RoutesModel.h settings/RoutesModel.cpp
  settings/SettingsDialog.h settings/SettingsDialog.cpp
  settings/SessionOverrides.h settings/SessionOverrides.cpp
  settings/SettingsField.h settings/SettingsField.cpp
  settings/SettingsPage.h
  settings/SettingsPages.h settings/SettingsPages.cpp
  settings/TunnelSettingsPage.h settings/TunnelSettingsPage.cpp
)
