#pragma once

#include "event/EventInfo.h"
#include "event/Event.h"

#include <QList>
#include <QObject>
#include <chrono>
#include <utility>
#include <functional>

class QThread;

namespace hookscope {

class EventRecorder;
class EnrichmentWorker;

// Computes an EventInfo for every stored event on a low-priority thread, after the event
// was committed and answered: validation never sits between the last body byte and the
// 2xx. During a burst it falls behind and catches up afterwards; events stored while it
// was not running (an earlier session, a crash) are picked up when it starts, read from
// the store a page at a time behind new events (catchUpProgress).
class EnrichmentService final : public QObject
{
    Q_OBJECT
public:
    using Inspector = std::function<EventInfo(const Event &)>;

    // `recorder` (not owned) writes the results through its writer connection.
    EnrichmentService(EventRecorder *recorder, Inspector inspector, QObject *parent = nullptr);
    ~EnrichmentService() override;

    // How long one event's inspection may take before it is stopped and recorded so; 0: no limit.
    // Applies from the next start().
    static constexpr std::chrono::milliseconds kDefaultTimeLimit{5000};
    void setTimeLimit(std::chrono::milliseconds limit) { m_timeLimit = limit; }
    // Starts the worker on the store file and queues every event not enriched yet.
    void start(const QString &storePath);
    void stop();
    // Queues stored events (by id); connect EventRecorder::eventsStored here.
    void enqueue(const QList<hookscope::Event> &events);
    // Queues events again (e.g. after the kinds or routes changed).
    void reinspect(const QList<qint64> &ids);
    [[nodiscard]] qsizetype backlog() const;
    // How often the idle-priority worker paused between bursts (CpuPacer).
    [[nodiscard]] std::uint64_t pauses() const;

Q_SIGNALS:
    // Batches of results, on the owner's thread, at most every 100 ms.
    void enriched(const QList<hookscope::EventInfo> &infos);
    // The catch-up over events stored before start() without a result: it runs behind new
    // events, newest first, and reports `done` of `total` at most every 100 ms, after the
    // results it counts; done == total once at the end. Not emitted when nothing is behind.
    void catchUpProgress(qint64 done, qint64 total);

public:
    // The last catchUpProgress() (0 of 0: none yet, or nothing behind), for a view that
    // connects after the catch-up began (the window opens after the session started it).
    [[nodiscard]] std::pair<qint64, qint64> lastCatchUpProgress() const { return m_lastCatchUp; }

private:
    EventRecorder *m_recorder; // not owned
    Inspector m_inspector;
    QThread *m_thread = nullptr;
    EnrichmentWorker *m_worker = nullptr; // lives on m_thread
    std::chrono::milliseconds m_timeLimit = kDefaultTimeLimit;
    std::pair<qint64, qint64> m_lastCatchUp{0, 0};
};

} // namespace hookscope
