#pragma once

#include "AppOptions.h"
#include "event/EventInfo.h"
#include "event/Event.h"

#include <QObject>
#include <memory>

namespace hookscope {

class EnrichmentService;
class EventRecorder;
class HeadlessRelay;
class HoldDesk;
class HoldingSink;
class LinePrinter;
class Receiver;
class StoreHealthCheck;

// `hookscope --headless`: the receiver and the store, with a line per event on stdout.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessRunner(AppOptions options, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Opens the store and starts listening; on failure prints why on stderr and
    // returns the process exit code (non-zero). Returns 0 when running.
    [[nodiscard]] int start();
    // Stops listening, commits what is queued and closes the store.
    void shutdown();

private:
    void printEvents(const QList<Event> &events);
    // One stderr line per event whose inspection failed (the result is stored and exported too).
    void printNotInspected(const QList<EventInfo> &infos);
    void checkStore(const QString &path); // in the background; damage goes to stderr
    void printSignatures(const QList<EventInfo> &infos); // "signature #12 valid: …" once checked

    AppOptions m_options;
    std::unique_ptr<LinePrinter> m_out; // stdout, written from its own thread
    EventRecorder *m_recorder;
    HoldDesk *m_holdDesk; // held hooks: answered by --respond or at their deadline
    std::unique_ptr<HoldingSink> m_holdingSink;
    Receiver *m_receiver;
    EnrichmentService *m_enrichment = nullptr;
    StoreHealthCheck *m_storeCheck = nullptr; // the start-up check of the store
    HeadlessRelay *m_relay = nullptr; // forwarding and the ngrok watcher
};

} // namespace hookscope
