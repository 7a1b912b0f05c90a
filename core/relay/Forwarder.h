#pragma once

#include "OutgoingRequest.h"
#include "ReplayResult.h"
#include "event/Event.h"
#include "store/ForwardRecord.h"

#include <QObject>
#include <QUrl>
#include <deque>
#include <functional>

namespace hookscope {

class EventRecorder;
class RequestReplayer;

// The tunnel's last hop: sends every newly stored event (or those of one kind) to a local
// URL, one at a time in arrival order, and records what the app answered (event_forward)
// through the recorder's single writer. Runs after the event was stored and answered, on
// the receiver's thread with a non-blocking socket, so the receiver never waits for it.
// At most maxQueued() events (and maxQueuedBytes() of bodies) wait; more are recorded as not
// forwarded, so nothing is held in memory without bound.
class Forwarder final : public QObject
{
    Q_OBJECT
public:
    // The kind of an event (empty when unknown), for forwarding one kind only.
    using KindOf = std::function<QString(const Event &)>;

    // `recorder` (not owned) receives the results; may be null in tests.
    explicit Forwarder(EventRecorder *recorder, QObject *parent = nullptr);
    ~Forwarder() override;

    // An empty URL switches forwarding off (what is queued is dropped).
    void setTarget(const QUrl &url);
    [[nodiscard]] QUrl target() const { return m_target; }
    [[nodiscard]] bool isEnabled() const { return !m_target.isEmpty(); }
    // Forward only events of this kind (empty: all); kindOf classifies at forward time.
    void setKindFilter(const QString &kind, KindOf kindOf);
    // Runs on each request just before it is sent (--forward-resign signs it again).
    using Prepare = std::function<void(const Event &, OutgoingRequest *)>;
    void setPrepare(Prepare prepare) { m_prepare = std::move(prepare); }
    [[nodiscard]] QString kindFilter() const { return m_kind; }
    void setTimeoutMs(int ms);
    void setMaxQueued(int count) { m_maxQueued = count; }
    [[nodiscard]] int maxQueued() const { return m_maxQueued; }
    void setMaxQueuedBytes(qint64 bytes) { m_maxQueuedBytes = bytes; }
    [[nodiscard]] qint64 maxQueuedBytes() const { return m_maxQueuedBytes; }
    [[nodiscard]] int queued() const { return int(m_queue.size()); }

    // Connected to EventRecorder::eventsStored.
    void enqueue(const QList<hookscope::Event> &events);

Q_SIGNALS:
    // After each attempt (also for a skipped overflow): the record written to the store.
    void forwarded(const hookscope::ForwardRecord &record);

private:
    void next();
    void onFinished(const ReplayResult &result);
    void record(const ForwardRecord &record);

    EventRecorder *m_recorder; // not owned
    RequestReplayer *m_replayer;
    QUrl m_target;
    QString m_kind;
    KindOf m_kindOf;
    Prepare m_prepare;
    std::deque<Event> m_queue;
    qint64 m_current = 0; // id of the event being sent, 0 when idle
    qint64 m_currentAtMs = 0;
    int m_maxQueued = 256;
    qint64 m_maxQueuedBytes = 64 * 1024 * 1024;
    qint64 m_queuedBytes = 0;
};

} // namespace hookscope
