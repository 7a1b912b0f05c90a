# ui/trust: Settings › Trust: signature secrets and the signature rules table.
target_sources(hookscope_ui PRIVATE
  trust/TrustSettingsPage.h trust/TrustSettingsPage.cpp
  trust/SignatureRulesModel.h trust/SignatureRulesModel.cpp
)
