# ui/background: work for the panes off the GUI thread: store search, the table's history ids, latest-only workers.
target_sources(hookscope_ui PRIVATE
  background/EventSearch.h background/EventSearch.cpp
  background/EventSearchWorker.h background/EventSearchWorker.cpp
  background/LatestOnlyWorker.h background/LatestOnlyWorker.cpp
)
