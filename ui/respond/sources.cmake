# ui/respond: the Respond panel: held hooks, presets, queue, hold settings.
target_sources(hookscope_ui PRIVATE
  respond/AnswerFieldsModel.h respond/AnswerFieldsModel.cpp
  respond/HoldController.h respond/HoldController.cpp
  respond/HoldNotifier.h respond/HoldNotifier.cpp
  respond/HoldPolicyModel.h respond/HoldPolicyModel.cpp
  respond/HoldQueueView.h respond/HoldQueueView.cpp
  respond/HoldSettingsDialog.h respond/HoldSettingsDialog.cpp
  respond/RespondPanel.h respond/RespondPanel.cpp
  respond/RespondScreenshot.h respond/RespondScreenshot.cpp
)
