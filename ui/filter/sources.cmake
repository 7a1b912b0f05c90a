# ui/filter: the filter box above the table: query completion, errors and the no-match note.
target_sources(hookscope_ui PRIVATE
  filter/FilterEdit.h filter/FilterEdit.cpp
  filter/NoMatchNote.h filter/NoMatchNote.cpp
  filter/QueryAssist.h filter/QueryAssist.cpp
)
