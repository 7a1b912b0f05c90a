# ui/details: the details pane: body (find, marks), headers, response, diff, violations, ambiguity and trust lines.
target_sources(hookscope_ui PRIVATE
  details/AmbiguityBar.h details/AmbiguityBar.cpp
  details/BodyMarks.h details/BodyMarks.cpp
  details/BodyView.h details/BodyView.cpp
  details/DiffView.h details/DiffView.cpp
  details/EventDetailPane.h details/EventDetailPane.cpp
  details/FindBar.h details/FindBar.cpp
  details/HeadersView.h details/HeadersView.cpp
  details/JsonHighlighter.h details/JsonHighlighter.cpp
  details/ResponseView.h details/ResponseView.cpp
  details/SelectionNote.h details/SelectionNote.cpp
  details/TrustLine.h details/TrustLine.cpp
  details/ViolationsPanel.h details/ViolationsPanel.cpp
)
