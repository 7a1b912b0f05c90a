#pragma once

#include "AppOptions.h"

#include <QObject>

namespace hookscope {

class EventRecorder;
class LinePrinter;
class Forwarder;
class NgrokWatcher;

// The relay part of `--headless`: forwards stored events when --forward is given, prints a
// line per forward failure on stderr, and watches the ngrok agent, printing
// "Public URL: https://…" on stdout when a tunnel to our port appears or changes.
class HeadlessRelay final : public QObject
{
    Q_OBJECT
public:
    // `recorder` (not owned) feeds the forwarder and stores its results.
    // Status lines go to OUT (stdout's printer), errors straight to stderr.
    HeadlessRelay(const AppOptions &options, EventRecorder *recorder, LinePrinter *out, QObject *parent = nullptr);

    void start(quint16 port);
    void stop();

    [[nodiscard]] Forwarder *forwarder() const { return m_forwarder; }
    [[nodiscard]] NgrokWatcher *watcher() const { return m_watcher; }

private:
    LinePrinter *m_out;
    Forwarder *m_forwarder = nullptr; // null without --forward
    NgrokWatcher *m_watcher;
};

} // namespace hookscope
