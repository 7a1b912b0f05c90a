# ui/widgets: small plain-text widgets and delegates every room uses.
target_sources(hookscope_ui PRIVATE
  widgets/Banner.h widgets/Banner.cpp
  widgets/PlainLabel.h widgets/PlainLabel.cpp
  widgets/PlainToolTip.h widgets/PlainToolTip.cpp
  widgets/StableTabWidget.h widgets/StableTabWidget.cpp
  widgets/TailElideDelegate.h widgets/TailElideDelegate.cpp
)
