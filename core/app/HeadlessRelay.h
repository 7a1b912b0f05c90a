#pragma once

#include "AppOptions.h"

#include <QObject>

namespace hookscope {

class CaptureSession;
class LinePrinter;

// The relay part of `--headless`: forwards stored events when --forward is given, prints a
// line per forward failure on stderr, and watches the ngrok agent, printing
// "Public URL: https://…" on stdout when a tunnel to our port appears or changes.
class HeadlessRelay final : public QObject
{
    Q_OBJECT
public:
    // Sets up the forwarder of `session` (not owned) from --forward*, and prints what it and
    // the session's ngrok watcher do. Status lines go to OUT (stdout's printer), errors
    // straight to stderr.
    HeadlessRelay(const AppOptions &options, CaptureSession *session, LinePrinter *out, QObject *parent = nullptr);

    void start(); // prints where events are forwarded to
    void stop();

private:
    CaptureSession *m_session; // not owned
    LinePrinter *m_out;
};

} // namespace hookscope
