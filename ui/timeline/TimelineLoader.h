#pragma once

#include "store/EventFilter.h"
#include "timeline/TimelineTally.h"

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace hookscope {

class EventStore;

// Builds the timeline's counts for what the store holds, on a thread of its own with its own
// read connection: a store of a million events is read in pages of summaries (no bodies) while
// the window stays responsive. With a filter, the same pass asks the store which events of each
// page match (EventStore::matchingIds: the filter's SQL). Only the newest load reports.
class TimelineLoader final : public QObject
{
    Q_OBJECT
public:
    explicit TimelineLoader(QObject *parent = nullptr);
    ~TimelineLoader() override;

    // nullopt filter: every event counts as matched.
    void load(const QString &storePath, const std::optional<EventFilter> &filter);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

    // The work itself, on the caller's thread (the loader's thread, a benchmark); returns the
    // largest id read. Stops early (nullptr) when `stale` turns true.
    [[nodiscard]] static std::unique_ptr<TimelineTally> build(const EventStore &store,
                                                              const std::optional<EventFilter> &filter,
                                                              qint64 *lastId, const std::function<bool()> &stale);

Q_SIGNALS:
    // lastId: the newest event counted; live events above it still need adding.
    void loaded(std::shared_ptr<hookscope::TimelineTally> tally, qint64 lastId);

private:
    QThread *m_thread;
    QObject *m_worker; // lives on m_thread, deleted when it finishes
    std::atomic<quint64> m_generation{0};
    bool m_running = false;
};

} // namespace hookscope
