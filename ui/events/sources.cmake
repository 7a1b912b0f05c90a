# ui/events: the event table, its model, columns, filters and the list pane.
target_sources(hookscope_ui PRIVATE
  events/ClearDialog.h events/ClearDialog.cpp
  events/DeleteConfirmation.h events/DeleteConfirmation.cpp
  events/EventColumns.h events/EventColumns.cpp
  events/EventFilterProxy.h events/EventFilterProxy.cpp
  events/EventItemDelegate.h events/EventItemDelegate.cpp
  events/EventListPane.h events/EventListPane.cpp
  events/EventTableModel.h events/EventTableModel.cpp
  events/EventTableModelForward.cpp
  events/EventTableModelHold.cpp
  events/FilterEdit.h events/FilterEdit.cpp
  events/QueryAssist.h events/QueryAssist.cpp
  events/NewEventsBadge.h events/NewEventsBadge.cpp
  events/NoMatchNote.h events/NoMatchNote.cpp
  events/RowActions.h events/RowActions.cpp
  events/SelectionKeeper.h events/SelectionKeeper.cpp
)
