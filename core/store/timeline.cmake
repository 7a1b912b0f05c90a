# The timeline's read of the store (issue 27 point 4, branch timeline27): EventStore::timelineRows.
target_sources(hookscope_core PRIVATE store/EventStoreTimeline.cpp)
