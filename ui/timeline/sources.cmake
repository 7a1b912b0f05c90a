# ui/timeline: the timeline strip above the event table (issue 27 point 4, branch timeline27);
# its counts live in core/timeline.
target_sources(hookscope_ui PRIVATE
  timeline/TimelineStrip.h timeline/TimelineStrip.cpp
  timeline/TimelineLoader.h timeline/TimelineLoader.cpp
  timeline/TimelineController.h timeline/TimelineController.cpp
)
