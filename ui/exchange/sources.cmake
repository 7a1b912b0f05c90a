# ui/exchange: export, import and the actions around them.
target_sources(hookscope_ui PRIVATE
  exchange/ExchangeActions.h exchange/ExchangeActions.cpp
  exchange/ExportDialog.h exchange/ExportDialog.cpp
)
