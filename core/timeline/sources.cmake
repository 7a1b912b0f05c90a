# core/timeline: the timeline's bucket aggregation (issue 27 point 4): events per time bucket
# and result, maintained as events arrive, and the query text of a range. Above store and query.
target_sources(hookscope_core PRIVATE
  timeline/TimelineBuckets.h timeline/TimelineBuckets.cpp
  timeline/TimelineTally.h timeline/TimelineTally.cpp
  timeline/TimelineQuery.h timeline/TimelineQuery.cpp
)
