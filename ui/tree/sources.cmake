# ui/tree: the JSON tree tab: model, view, delegate, violation marks.
target_sources(hookscope_ui PRIVATE
  tree/JsonTreeDelegate.h tree/JsonTreeDelegate.cpp
  tree/JsonTreeModel.h tree/JsonTreeModel.cpp
  tree/JsonTreeView.h tree/JsonTreeView.cpp
  tree/ViolationMarks.h tree/ViolationMarks.cpp
)
