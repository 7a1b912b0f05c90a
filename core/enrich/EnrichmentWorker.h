#pragma once

#include "EnrichmentService.h"
#include "InspectionMarker.h"
#include "store/EventStore.h"
#include "util/CpuPacer.h"

#include <QHash>
#include <QSet>
#include <QObject>
#include <atomic>
#include <chrono>
#include <optional>
#include <deque>
#include <mutex>

class QTimer;

namespace hookscope {

// The thread-side half of EnrichmentService: a read connection, a queue of ids, the
// inspector. Results go to the writer queue (one writer connection for the store) and,
// in batches, back to the service.
class EnrichmentWorker final : public QObject
{
    Q_OBJECT
public:
    EnrichmentWorker(EventRecorder *recorder, EnrichmentService::Inspector inspector);

    void open(const QString &path);
    void close();
    // Thread-safe: adds ids (and whole events, which spares a read) to the queue.
    void push(QList<qint64> ids, QList<Event> events);
    [[nodiscard]] qsizetype backlog() const { return m_backlog.load(); }
    [[nodiscard]] std::uint64_t pauses() const { return m_pacer.pauses(); }
    // Thread-safe: the inspection under way stops at its next budget check, no more start (shutdown).
    void requestStop() { m_stopping = true; }
    // Before open(): how long one event's inspection may take (0: no limit).
    void setTimeLimit(std::chrono::milliseconds limit) { m_timeLimit = limit; }

Q_SIGNALS:
    void enriched(const QList<hookscope::EventInfo> &infos);
    // The catch-up over events stored before open(): `done` of `total` (EnrichmentService).
    void catchUpProgress(qint64 done, qint64 total);

private:
    void work();
    void publish();
    // The next id to inspect: queued ones (new events, reinspections) first, then the
    // catch-up's, newest first, read from the store a page at a time. 0: nothing left.
    [[nodiscard]] qint64 takeNext(bool *fromCatchUp);
    [[nodiscard]] bool catchingUp() const { return m_catchUpBefore > 0 || !m_catchUpPage.empty(); }
    void updateBacklog();
    // Records the event an earlier run left marked as not finished (it is not inspected again).
    void recordUnfinished(qint64 id);
    [[nodiscard]] std::optional<EventInfo> inspect(const Event &event);

    EventRecorder *m_recorder; // not owned
    EnrichmentService::Inspector m_inspector;
    EventStore m_store;
    std::mutex m_mutex;
    std::deque<qint64> m_ids; // guarded by m_mutex
    QSet<qint64> m_queued; // guarded by m_mutex: the ids in m_ids
    QHash<qint64, Event> m_events; // guarded by m_mutex: events handed over whole
    std::atomic<qsizetype> m_backlog{0};
    bool m_scheduled = false; // guarded by m_mutex
    QList<EventInfo> m_done;
    CpuPacer m_pacer; // idle priority: short bursts, so a waiting request thread gets the CPU back
    QTimer *m_publishTimer = nullptr;
    bool m_closed = false;
    InspectionMarker m_marker;
    std::atomic<bool> m_stopping{false};
    std::chrono::milliseconds m_timeLimit{0};
    // The catch-up (worker thread only): ids below m_catchUpBefore are still to be looked at
    // (0: done), m_catchUpPage the page read; ids up to m_catchUpFrom were in the store at
    // open(), and m_inspectedEarly the ones of those a live batch brought first (rare).
    qint64 m_catchUpBefore = 0;
    qint64 m_catchUpFrom = 0;
    std::deque<qint64> m_catchUpPage;
    QSet<qint64> m_inspectedEarly;
    QSet<qint64> m_caughtUpNewest; // the newest ids at start the catch-up took (at most a page); m_mutex
    qint64 m_skipId = 0; // the event an earlier run left unfinished: never inspected again
    qint64 m_catchUpTotal = 0;
    qint64 m_catchUpDone = 0;
    qint64 m_progressShown = -1;
    std::atomic<qsizetype> m_catchUpLeft{0}; // read by push() on other threads
};

} // namespace hookscope
