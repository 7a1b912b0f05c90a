# core/event: the vocabulary every core folder may use (the bottom layer, see docs/ARCHITECTURE.md
# "Core layers"): the captured event, its headers and response, what is learnt about it later.
target_sources(hookscope_core PRIVATE
  event/AnswerRecord.h event/AnswerRecord.cpp
  event/CaptureSink.h
  event/Event.h event/Event.cpp
  event/EventInfo.h
  event/HttpMessage.h event/HttpMessage.cpp
  event/SignatureStatus.h
)
