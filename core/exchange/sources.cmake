# core/exchange: export (hookscope JSON, HAR), import, copy as curl. QtCore + nlohmann-json.
target_sources(hookscope_core PRIVATE
  app/ExchangeCommands.h app/ExchangeCommands.cpp
  exchange/CurlCommand.h exchange/CurlCommand.cpp
  exchange/CurlScriptWriter.h exchange/CurlScriptWriter.cpp
  exchange/DeviceStreamBuf.h exchange/DeviceStreamBuf.cpp
  exchange/EventExporter.h exchange/EventExporter.cpp
  exchange/EventImporter.h exchange/EventImporter.cpp
  exchange/EventWriter.h exchange/EventWriter.cpp
  exchange/ExchangeJson.h exchange/ExchangeJson.cpp
  exchange/ExportEventCodec.h exchange/ExportEventCodec.cpp
  exchange/ExportWriter.h exchange/ExportWriter.cpp
  exchange/HarEntryCodec.h exchange/HarEntryCodec.cpp
  exchange/HarUrl.h exchange/HarUrl.cpp
  exchange/HarWriter.h exchange/HarWriter.cpp
  exchange/ImportReader.h exchange/ImportReader.cpp
  exchange/LiveImport.h exchange/LiveImport.cpp
)

# The export format's JSON Schema, as :/export/hookscope-export.schema.json.
qt_add_resources(hookscope_core "exchange"
  PREFIX "/"
  BASE ${PROJECT_SOURCE_DIR}/resources
  FILES
    ${PROJECT_SOURCE_DIR}/resources/export/hookscope-export.schema.json
)

# Export benchmark (bench/export): built by default, never run by ctest.
if(HOOKSCOPE_BENCH AND NOT HOOKSCOPE_FUZZ)
  include(${PROJECT_SOURCE_DIR}/bench/export/bench.cmake)
endif()
