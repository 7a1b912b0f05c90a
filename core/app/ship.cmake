# core/app: man page rendering and the settings the app reads at start.
target_sources(hookscope_core PRIVATE
  app/AppSettings.h app/AppSettings.cpp
  app/ManPage.h app/ManPage.cpp
  app/SampleEvents.h app/SampleEvents.cpp
)
