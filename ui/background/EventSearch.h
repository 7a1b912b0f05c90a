#pragma once

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
    // Starts a search for `filter` (the filter box's `text`: plain text or a query, EventQuery);
    // cancels the previous one.
    void start(const QString &text, const EventFilter &filter);
    // The body paths seen in stored events of `kind` (QueryPaths), for completion: pathsSeen.
    void collectPaths(const QString &kind);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const QString &text, const QSet<qint64> &ids);
    void pathsSeen(const QString &kind, const QStringList &paths);

private:
    QString m_storePath;
    QThread *m_thread;
    EventSearchWorker *m_worker; // lives on m_thread, deleted when it finishes
    std::atomic<quint64> m_generation{0};
    bool m_running = false;
};

} // namespace hookscope
