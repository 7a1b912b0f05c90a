#pragma once

#include "store/EventStore.h"

#include <QObject>
#include <QSet>
#include <atomic>

namespace hookscope {

// Lives on EventSearch's thread and owns that thread's read connection to the store.
// Scans the store in id windows so a newer search (a bumped generation) stops it early.
class EventSearchWorker final : public QObject
{
public:
    explicit EventSearchWorker(const std::atomic<quint64> *generation);
    ~EventSearchWorker() override;

    // Runs on the worker thread. Returns nothing when `generation` became stale.
    [[nodiscard]] std::optional<QSet<qint64>> search(const QString &storePath, const EventFilter &filter,
                                                     quint64 generation, qint64 *upToId = nullptr);
    // Runs on the worker thread: QueryPaths::seen over this thread's connection.
    [[nodiscard]] QStringList paths(const QString &storePath, const QString &kind);
    // The worker's connection to `storePath` (opened on first use); nullptr when it cannot open.
    [[nodiscard]] const EventStore *store(const QString &storePath);

private:

    const std::atomic<quint64> *m_generation; // not owned: EventSearch outlives its thread
    std::unique_ptr<EventStore> m_store;
    QString m_openPath;
};

} // namespace hookscope
