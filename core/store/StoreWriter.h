#pragma once

#include "event/Event.h"
#include "EventStore.h"
#include "event/EventInfo.h"
#include "platform/DatabaseFileSync.h"
#include "util/CpuPacer.h"

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

    // Frames in the WAL, and how many of them are copied into the database file, as the
    // background checkpointer last saw them.
    std::atomic<int> walFrames{0};
    std::atomic<int> walBackfilled{0};
    // The WAL was restarted or emptied: nothing in it until the checkpointer looks again.
    void walReset()
    {
        walFrames.store(0, std::memory_order_relaxed);
        walBackfilled.store(0, std::memory_order_relaxed);
    }
    // Times the writer restarted the WAL itself (under a flood without pauses).
    std::atomic<int> forcedWalRestarts{0};
    // Times the writer emptied the WAL file in a pause.
    std::atomic<int> walTrims{0};
    // Syncs of the database file by the checkpointer before a writer's WAL restart, after a
    // checkpoint that copied pages but did not reach the end of the WAL (SQLite syncs it
    // itself only after one that did).
    std::atomic<int> checkpointSyncs{0};
    std::atomic<std::uint64_t> checkpointPauses{0}; // the checkpointer's pacing sleeps (CpuPacer)

private:
    std::mutex m_mutex;
    std::vector<WriteItem> m_items;
    std::vector<std::pair<qint64, qint64>> m_updates;
    std::deque<EventInfo> m_infos;
    std::vector<ForwardRecord> m_forwards;
    std::vector<AnswerRecord> m_answers;
    bool m_awake = false;
};

// When the WAL is checkpointed, restarted and emptied (see WalCheckpointer and
// StoreWriter::resetWalWhenLarge).
struct WalPolicy
{
    int checkpointIntervalMs = 250; // background PASSIVE checkpoints
    // The checkpointer runs only when the CPU has nothing else to do (SCHED_IDLE): its page
    // copying then never delays the threads that answer requests. Off: normal priority.
    bool checkpointWhenIdle = true;
    // No commit for this long and everything checkpointed: the writer empties the WAL file
    // (0: never). It never trims it in a commit: an ftruncate of hundreds of MiB stalls.
    int idleTrimMs = 2000;
    // Past this many frames (1 GiB of 4 KiB pages) the writer restarts the WAL itself,
    // between two batches, when traffic never pauses; only once the checkpointer has
    // copied all but restartTailFrames of it, so that the writer never copies a backlog.
    int forcedResetFrames = 262144;
    int restartTailFrames = 4096;

    // Whether the writer restarts the WAL itself, given what the checkpointer last saw.
    [[nodiscard]] bool writerRestarts(int frames, int backfilled) const
    {
        return frames >= forcedResetFrames && frames - backfilled <= restartTailFrames;
    }
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
    [[nodiscard]] bool clear(QString *error);
    [[nodiscard]] bool remove(const QList<qint64> &ids, QString *error);
    void setPageLimit(qint64 pages) { m_store.setMaxPageCount(pages); }
    // Runs `work` on this connection after writing what is queued (an import's transaction).
    void runOnStore(const std::function<void(EventStore *store)> &work);
    // Deleting many events without a long transaction that requests would wait behind: the
    // work is done in chunks of ~kStepMs, each its own transaction, between request batches
    // (deleteProgress after each, deleteFinished at the end). A clear first empties the
    // search index and makes every stored event backlog (clearStarted, emitted after every
    // batch committed before it), then deletes that backlog oldest first.
    void startRemove(const QList<qint64> &ids);
    void startClear();
    // Writes queued updates (answers, infos) now instead of at the next idle tick.
    void writeUpdatesNow() { flushIdleUpdates(); }

Q_SIGNALS:
    void committed(const QList<hookscope::WriteOutcome> &outcomes);
    // Updates (handling times, enrichment, forwarding, answers) that could not be written.
    void updatesFailed(const QString &error);
    void deleteProgress(qint64 done, qint64 total);
    void deleteFinished(bool ok, const QString &error);
    void clearStarted();
    // Building the search index for events stored before it existed (in id units: `done` of
    // `total` ids of the backlog); done == total when it is complete.
    void textIndexProgress(qint64 done, qint64 total);

private:
    void writeUpdates(const std::vector<std::pair<qint64, qint64>> &updates, std::size_t maxInfos);
    void writeUpdateTransaction(const std::vector<std::pair<qint64, qint64>> &updates, std::size_t maxInfos);
    void flushIdleUpdates();
    void reportUpdateFailure(const QString &error);
    void resetWalWhenLarge();
    void trimWalInPause();
    void countCommit();
    void scheduleBackground();
    void backgroundStep();
    void deleteStep();
    void indexStep();
    // The search index's backlog after a commit of new events: indexed in background steps.
    void indexAfterCommit();
    void restoreUnfinishedClear();
    void startCatchUp(); // indexes the backlog found at open (or after a failed clear), with progress
    // Runs `chunk` (a transaction's part, returning false on failure) until it says it is
    // done or kStepMs passed, in one transaction; false with *error when it failed.
    bool inStepTransaction(const std::function<bool(bool *done)> &chunk, QString *error);

    struct DeleteJob
    {
        bool clearAll = false;
        QList<qint64> ids; // !clearAll
        qint64 done = 0;
        qint64 total = 0; // clearAll: the newest event when it started
        bool started = false;
    };
    std::deque<DeleteJob> m_jobs;
    bool m_stepScheduled = false;
    bool m_indexStopped = false; // building the index failed: searches scan until the next start
    // The backlog found at open, its progress told (textIndexProgress) until it is indexed.
    std::optional<EventStore::TextBacklog> m_catchUp;
    SyncMode m_sync = SyncMode::Full;
    QTimer *m_indexTimer = nullptr; // owned (child): the pause before indexing new events

    WriteQueue *m_queue; // owned by the EventRecorder
    EventStore m_store;
    QTimer *m_idleTimer = nullptr;
    WalPolicy m_wal;
    QElapsedTimer m_sinceWalReset;
    QElapsedTimer m_sinceCommit;
    bool m_trimmedSinceCommit = false;
};

// Runs PASSIVE WAL checkpoints on its own connection and thread, so that no commit a
// response waits on pays for copying the WAL or syncing the database file.
class WalCheckpointer final : public QObject
{
    Q_OBJECT
public:
    explicit WalCheckpointer(WriteQueue *queue)
        : m_queue(queue)
    {
    }
    ~WalCheckpointer() override;
    bool open(const QString &path, const WalPolicy &policy);
    void stop();

private:
    void tick();
    void syncDatabaseFile();
    void closeDatabaseFile();

    WriteQueue *m_queue; // owned by the EventRecorder
    EventStore m_store;
    QTimer *m_timer = nullptr;
    // SQLite syncs the database file only after a checkpoint that reached the end of the
    // WAL, which never happens while requests keep coming: the pages it copied stay dirty,
    // and the writer's WAL restart (a checkpoint of the last tail) would sync them all,
    // hundreds of MiB, half a second while a request waits. So once the restart is near
    // (WalPolicy::writerRestarts), the checkpointer syncs them first, through its own
    // descriptor, before it tells the writer how far it got.
    WalPolicy m_policy;
    DatabaseFileSync m_dbSync; // platform: fdatasync, or SQLite's own sync
    CpuPacer m_pacer; // when checkpointWhenIdle
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::WriteOutcome)
