# core/app: run-time data folder lookup, man page rendering and the settings the app reads at start.
target_sources(hookscope_core PRIVATE
  app/AppSettings.h app/AppSettings.cpp
  app/ManPage.h app/ManPage.cpp
  app/ResourceLocator.h app/ResourceLocator.cpp
  app/SampleEvents.h app/SampleEvents.cpp
)
include(GNUInstallDirs)
set_property(SOURCE app/ResourceLocator.cpp APPEND PROPERTY COMPILE_DEFINITIONS
  HOOKSCOPE_INSTALL_DATADIR="${CMAKE_INSTALL_DATADIR}"
  HOOKSCOPE_INSTALL_FULL_DATADIR="${CMAKE_INSTALL_FULL_DATADIR}"
  HOOKSCOPE_BUILD_DIR="${PROJECT_BINARY_DIR}"
  HOOKSCOPE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
