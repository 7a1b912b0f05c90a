# ui/deliveries: deliveries grouped (issue 26): the tree of deliveries and their attempts, the
# attempts side by side, the switch between it and the event table, and its loader thread.
target_sources(hookscope_ui PRIVATE
  deliveries/DeliveriesPane.h deliveries/DeliveriesPane.cpp
  deliveries/DeliveriesSwitch.h deliveries/DeliveriesSwitch.cpp
  deliveries/DeliveryAttemptsView.h deliveries/DeliveryAttemptsView.cpp
  deliveries/DeliveryGroupLoader.h deliveries/DeliveryGroupLoader.cpp
  deliveries/DeliveryGroupModel.h deliveries/DeliveryGroupModel.cpp
)
