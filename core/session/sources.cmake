# core/session: the capture engine, assembled once (CaptureSession) and run on its own thread.
target_sources(hookscope_core PRIVATE
  session/CaptureSession.h session/CaptureSession.cpp
  session/SessionConfig.h
)
