# core/relay: replay, forwarding; core/tunnel: the ngrok agent watcher and child process.
# QtCore + QtNetwork only.
target_sources(hookscope_core PRIVATE
  app/HeadlessRelay.h app/HeadlessRelay.cpp
  relay/Forwarder.h relay/Forwarder.cpp
  relay/ForwardedAnswers.h relay/ForwardedAnswers.cpp
  relay/OutgoingRequest.h relay/OutgoingRequest.cpp
  relay/RelayLog.h relay/RelayLog.cpp
  relay/ReplayResult.h
  relay/RequestReplayer.h relay/RequestReplayer.cpp
  relay/ResponseParser.h relay/ResponseParser.cpp
  store/ForwardRecord.h store/EventStoreForward.cpp
  tunnel/NgrokProcess.h tunnel/NgrokProcess.cpp
  tunnel/NgrokWatcher.h tunnel/NgrokWatcher.cpp
  tunnel/TunnelList.h tunnel/TunnelList.cpp
)
target_link_libraries(hookscope_core PRIVATE http_parser::http_parser)
