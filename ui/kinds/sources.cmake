# ui/kinds: Settings › Kinds: the kinds folder and the vendor packs' kinds.
target_sources(hookscope_ui PRIVATE
  kinds/KindsSettingsPage.h kinds/KindsSettingsPage.cpp
  kinds/PackKindsModel.h kinds/PackKindsModel.cpp
)
