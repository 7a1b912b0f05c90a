# ui/relay: forwarding, replay and the ngrok URL.
target_sources(hookscope_ui PRIVATE
  relay/ForwardController.h relay/ForwardController.cpp
  relay/ForwardDialog.h relay/ForwardDialog.cpp
  relay/ForwardView.h relay/ForwardView.cpp
  relay/PublicUrlBox.h relay/PublicUrlBox.cpp
  relay/ReplayDialog.h relay/ReplayDialog.cpp
  relay/SendTestDialog.h relay/SendTestDialog.cpp
  relay/TunnelController.h relay/TunnelController.cpp
)
