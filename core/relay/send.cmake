# Test events sent to the user's app as its vendor would (`hookscope send`, "Send test event…").
target_sources(hookscope_core PRIVATE
  app/SendCommand.h app/SendCommand.cpp
  relay/TestEvent.h relay/TestEvent.cpp
  relay/TestSender.h relay/TestSender.cpp
  schema/InvalidVariants.h schema/InvalidVariants.cpp
  util/SafeText.h util/SafeText.cpp
)
