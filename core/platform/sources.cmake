# core/platform: every operating-system-specific call of the core, each with a portable fallback
# (docs/PACKAGING.md). HOOKSCOPE_PORTABLE_ONLY=ON compiles only the fallbacks, on any OS; that
# build is what macOS and Windows get, and `make test` under CI proves it on Linux.
target_sources(hookscope_core PRIVATE
  platform/PlatformFeatures.h
  platform/DatabaseFileSync.h platform/DatabaseFileSync.cpp
  platform/FileIdentity.h platform/FileIdentity.cpp
  platform/ProcessResources.h platform/ProcessResources.cpp
  platform/SignalWatcher.h platform/SignalWatcher.cpp
  platform/SocketReset.h platform/SocketReset.cpp
  platform/SqlitePacing.h platform/SqlitePacing.cpp
  platform/ThreadPriority.h platform/ThreadPriority.cpp)
if(HOOKSCOPE_PORTABLE_ONLY)
  target_compile_definitions(hookscope_core PUBLIC HOOKSCOPE_PORTABLE_ONLY=1)
endif()
