#pragma once

#include "Event.h"
#include "EventStore.h"
#include "enrich/EventInfo.h"

#include <QList>
#include <QObject>
#include <QElapsedTimer>
#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

class QTimer;

namespace hookscope {

struct WriteItem
{
    quint64 ticket = 0;
    Event event;
};

struct WriteOutcome
{
    quint64 ticket = 0;
    bool stored = false;
    QString error;
    Event event; // with its id when stored
};

// Thread-safe hand-over between the network thread and the writer thread.
class WriteQueue final
{
public:
    // Returns true when the writer must be woken (nothing was pending).
    bool push(WriteItem item);
    void pushHandlingTime(qint64 id, qint64 handlingUs);
    void pushInfo(EventInfo info);
    void pushAnswer(AnswerRecord record);
    // Everything pending; clears the wake flag when there is nothing to write.
    bool take(std::vector<WriteItem> *items, std::vector<std::pair<qint64, qint64>> *updates);
    // Only updates, and only when no batch is pending.
    bool takeIdleUpdates(std::vector<std::pair<qint64, qint64>> *updates);
    // At most `max` enrichment results, oldest first (a backlog is written in small pieces).
    [[nodiscard]] std::vector<EventInfo> takeInfos(std::size_t max);
    [[nodiscard]] std::size_t pendingInfos();
    void pushForward(ForwardRecord record);
    [[nodiscard]] std::vector<ForwardRecord> takeForwards();
    [[nodiscard]] std::vector<AnswerRecord> takeAnswers();
    [[nodiscard]] qsizetype size();

    // Frames in the WAL as the background checkpointer last saw them.
    std::atomic<int> walFrames{0};
    // Times the writer restarted the WAL itself (under a flood without pauses).
    std::atomic<int> forcedWalRestarts{0};

private:
    std::mutex m_mutex;
    std::vector<WriteItem> m_items;
    std::vector<std::pair<qint64, qint64>> m_updates;
    std::deque<EventInfo> m_infos;
    std::vector<ForwardRecord> m_forwards;
    std::vector<AnswerRecord> m_answers;
    bool m_awake = false;
};

// When the writer restarts the WAL (see StoreWriter::resetWalWhenLarge).
struct WalPolicy
{
    int forcedResetFrames = 131072; // 512 MiB of 4 KiB pages: restart even without a pause
    int checkpointIntervalMs = 250; // background PASSIVE checkpoints
};

// Lives on its own thread and owns the store's only writing connection. Everything
// queued while a batch commits goes into the next batch (group commit); a batch is
// reported only after COMMIT returned.
class StoreWriter final : public QObject
{
    Q_OBJECT
public:
    explicit StoreWriter(WriteQueue *queue);
    ~StoreWriter() override;

    bool open(const QString &path, SyncMode sync, const WalPolicy &wal, QString *error);
    void drain();
    // drain(), then every queued update, whatever the backlog (tests, shutdown).
    void drainAll();
    void finish(); // drain everything, then close the store
    void clear(QString *error);
    void remove(const QList<qint64> &ids, QString *error);
    void setPageLimit(qint64 pages) { m_store.setMaxPageCount(pages); }
    // Runs `work` on this connection after writing what is queued (an import's transaction).
    void runOnStore(const std::function<void(EventStore *store)> &work);
    // Writes queued updates (answers, infos) now instead of at the next idle tick.
    void writeUpdatesNow() { flushIdleUpdates(); }

Q_SIGNALS:
    void committed(const QList<hookscope::WriteOutcome> &outcomes);

private:
    void writeUpdates(const std::vector<std::pair<qint64, qint64>> &updates, std::size_t maxInfos);
    void writeUpdateTransaction(const std::vector<std::pair<qint64, qint64>> &updates, std::size_t maxInfos);
    void flushIdleUpdates();
    void resetWalWhenLarge();

    WriteQueue *m_queue; // owned by the EventRecorder
    EventStore m_store;
    QTimer *m_idleTimer = nullptr;
    WalPolicy m_wal;
    QElapsedTimer m_sinceWalReset;
};

// Runs PASSIVE WAL checkpoints on its own connection and thread, so that no commit a
// response waits on ever pays for one.
class WalCheckpointer final : public QObject
{
    Q_OBJECT
public:
    explicit WalCheckpointer(WriteQueue *queue)
        : m_queue(queue)
    {
    }
    bool open(const QString &path, int intervalMs);
    void stop();

private:
    WriteQueue *m_queue; // owned by the EventRecorder
    EventStore m_store;
    QTimer *m_timer = nullptr;
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::WriteOutcome)
