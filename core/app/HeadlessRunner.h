#pragma once

#include "AppOptions.h"
#include "event/EventInfo.h"
#include "event/Event.h"

#include <QObject>
#include <memory>

namespace hookscope {

class CaptureSession;
class HeadlessRelay;
class LinePrinter;
class StoreHealthCheck;

// `hookscope --headless`: shows a CaptureSession on stdout and stderr, a line per event.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
public:
    // `session` (not owned) is opened and started by start() with the options' SessionConfig.
    HeadlessRunner(CaptureSession *session, AppOptions options, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Opens the store and starts listening; on failure prints why on stderr and
    // returns the process exit code (non-zero). Returns 0 when running.
    [[nodiscard]] int start();
    // Stops its own store check, then shuts the session down (CaptureSession::shutdown).
    void shutdown();

private:
    void printEvents(const QList<Event> &events);
    // One stderr line per event whose inspection failed (the result is stored and exported too).
    void printNotInspected(const QList<EventInfo> &infos);
    void checkStore(const QString &path); // in the background; damage goes to stderr
    void printSignatures(const QList<EventInfo> &infos); // "signature #12 valid: …" once checked

    CaptureSession *m_session; // not owned
    AppOptions m_options;
    std::unique_ptr<LinePrinter> m_out; // stdout, written from its own thread
    StoreHealthCheck *m_storeCheck = nullptr; // the start-up check of the store
    HeadlessRelay *m_relay = nullptr; // forwarding and the ngrok watcher
};

} // namespace hookscope
