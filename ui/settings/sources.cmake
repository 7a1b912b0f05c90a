# ui/settings: the Settings dialog and its pages.
target_sources(hookscope_ui PRIVATE
  settings/AnswerSettingsPage.h settings/AnswerSettingsPage.cpp
  settings/HoldSettingsPage.h settings/HoldSettingsPage.cpp
  settings/KindsSettingsPage.h settings/KindsSettingsPage.cpp
  settings/PackKindsModel.h settings/PackKindsModel.cpp
  settings/ReceiverSettingsPage.h settings/ReceiverSettingsPage.cpp
  settings/RoutesModel.h settings/RoutesModel.cpp
  settings/RulesSettingsPage.h settings/RulesSettingsPage.cpp
  settings/SettingsDialog.h settings/SettingsDialog.cpp
  settings/SessionOverrides.h settings/SessionOverrides.cpp
  settings/SettingsField.h settings/SettingsField.cpp
  settings/SettingsPage.h
  settings/SettingsPages.h settings/SettingsPages.cpp
  settings/SignatureRulesModel.h settings/SignatureRulesModel.cpp
  settings/TrustSettingsPage.h settings/TrustSettingsPage.cpp
  settings/TunnelSettingsPage.h settings/TunnelSettingsPage.cpp
)
