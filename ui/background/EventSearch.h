#pragma once

#include "store/EventFilter.h"
#include "store/EventStore.h"

#include <QObject>
#include <QSet>
#include <atomic>

class QThread;

namespace hookscope {

struct Event;
struct EventFilter;
class EventSearchWorker;

// Finds the events whose target, headers or body contain a text, without loading bodies
// into the GUI: the store is searched in SQL on a worker thread (EventFilter's SQL; events
// arriving meanwhile are matched by the same EventFilter in memory). Only the newest search
// reports; older ones stop at their next id window.
class EventSearch final : public QObject
{
    Q_OBJECT
public:
    explicit EventSearch(QObject *parent = nullptr);
    ~EventSearch() override;

    void setStorePath(const QString &path) { m_storePath = path; }
    // Starts a search for `filter` (the filter box's `text`: plain text or a query, EventQuery,
    // joined with the kind, validity, … choosers in store mode); cancels the previous one.
    // finished() carries the ids it matched among those up to `upToId`, and this ticket.
    quint64 start(const QString &text, const EventFilter &filter);
    // The body paths seen in stored events of `kind` (QueryPaths), for completion: pathsSeen.
    void collectPaths(const QString &kind);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }
    // The store's ids in the order of `order` (ascending), for the table's sort.
    void startOrder(hookscope::EventStore::ViewOrder order, int column);
    // Every id in the store and the kinds it knows: the table's history, read off the GUI thread.
    void startHistory();

Q_SIGNALS:
    void finished(quint64 ticket, const QString &text, const hookscope::EventFilter &filter,
                  const QSet<qint64> &ids, qint64 upToId);
    void pathsSeen(const QString &kind, const QStringList &paths);
    void orderReady(int column, const QList<qint64> &ids);
    void historyReady(const QList<qint64> &ids, const QStringList &kinds);

private:
    QString m_storePath;
    QThread *m_thread;
    EventSearchWorker *m_worker; // lives on m_thread, deleted when it finishes
    std::atomic<quint64> m_generation{0};
    bool m_running = false;
};

} // namespace hookscope
