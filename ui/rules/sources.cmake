# ui/rules: Settings › Answer rules: the list of rules, the form for one, the JSON beside them.
target_sources(hookscope_ui PRIVATE
  rules/RuleForm.h rules/RuleForm.cpp
  rules/RuleListEditor.h rules/RuleListEditor.cpp
  rules/RulesSettingsPage.h rules/RulesSettingsPage.cpp
)
