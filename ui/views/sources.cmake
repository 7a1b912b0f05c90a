# ui/views: saved views (issue 27 point 2): the list, its count badges, the side panel and the
# controller that applies a view to the event list.
target_sources(hookscope_ui PRIVATE
  views/SavedViewDelegate.h views/SavedViewDelegate.cpp
  views/SavedViewsController.h views/SavedViewsController.cpp
  views/SavedViewsDock.h views/SavedViewsDock.cpp
  views/SavedViewsModel.h views/SavedViewsModel.cpp
  views/ViewCounter.h views/ViewCounter.cpp
)
