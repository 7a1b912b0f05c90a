# core/util: small helpers with no knowledge of events, the store or the network; logging
# categories; where the run-time data folder is.
target_sources(hookscope_core PRIVATE
  util/CpuPacer.h util/CpuPacer.cpp
  util/JsonNesting.h util/JsonNesting.cpp
  util/JsonNumberRange.h util/JsonNumberRange.cpp
  util/Log.h util/Log.cpp
  util/ResourceLocator.h util/ResourceLocator.cpp
)
include(GNUInstallDirs)
set_property(SOURCE util/ResourceLocator.cpp APPEND PROPERTY COMPILE_DEFINITIONS
  HOOKSCOPE_INSTALL_DATADIR="${CMAKE_INSTALL_DATADIR}"
  HOOKSCOPE_INSTALL_FULL_DATADIR="${CMAKE_INSTALL_FULL_DATADIR}"
  HOOKSCOPE_BUILD_DIR="${PROJECT_BINARY_DIR}"
  HOOKSCOPE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
