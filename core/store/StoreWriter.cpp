#include "StoreWriter.h"

#include "util/Log.h"
#include "util/CpuPacer.h"
#include "platform/DatabaseFileSync.h"
#include "platform/ThreadPriority.h"

#include <QFile>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace hookscope {

namespace {
// Enrichment results are written beside the events, but a backlog of them (validation
// catching up after a burst) must never make a request's commit wait: a request batch takes
// a few, and the idle flushes take small chunks between request batches.
constexpr std::size_t kInfosPerBatch = 16;
constexpr std::size_t kInfosPerIdleChunk = 128;
constexpr int kIdleFlushMs = 50;
// How long the writer waits for readers to let go of the WAL when it empties it in a pause.
constexpr int kTrimBusyMs = 5;
// A background step (a chunk of a large delete, of the search index's backlog) holds the
// writer this long at most, and ends after any piece that saw a request queued meanwhile:
// captures always go first, waiting one piece at most.
constexpr int kStepMs = 25;
constexpr int kEventsPerPiece = 128;
// Tokenizing costs ~0.3 us a byte (an indexed text is at most 64 KiB): 16 events of a few
// KiB are a few milliseconds.
constexpr int kIndexedPerPiece = 16;
// The search index waits for this long without a commit of new events (a pause in the
// captures) before it indexes them.
constexpr int kIndexPauseMs = 3;

} // namespace

bool WriteQueue::push(WriteItem item)
{
    std::lock_guard lock(m_mutex);
    m_items.push_back(std::move(item));
    const bool wake = !m_awake;
    m_awake = true;
    return wake;
}

void WriteQueue::pushHandlingTime(qint64 id, qint64 handlingUs)
{
    std::lock_guard lock(m_mutex);
    m_updates.emplace_back(id, handlingUs);
}

void WriteQueue::pushInfo(EventInfo info)
{
    std::lock_guard lock(m_mutex);
    m_infos.push_back(std::move(info));
}

void WriteQueue::pushAnswer(AnswerRecord record)
{
    std::lock_guard lock(m_mutex);
    m_answers.push_back(std::move(record));
}

std::vector<AnswerRecord> WriteQueue::takeAnswers()
{
    std::lock_guard lock(m_mutex);
    std::vector<AnswerRecord> out;
    out.swap(m_answers);
    return out;
}

std::vector<EventInfo> WriteQueue::takeInfos(std::size_t max)
{
    std::lock_guard lock(m_mutex);
    const std::size_t n = std::min(max, m_infos.size());
    std::vector<EventInfo> out(std::make_move_iterator(m_infos.begin()),
                               std::make_move_iterator(m_infos.begin() + std::ptrdiff_t(n)));
    m_infos.erase(m_infos.begin(), m_infos.begin() + std::ptrdiff_t(n));
    return out;
}

std::size_t WriteQueue::pendingInfos()
{
    std::lock_guard lock(m_mutex);
    return m_infos.size();
}

void WriteQueue::pushForward(ForwardRecord record)
{
    std::lock_guard lock(m_mutex);
    m_forwards.push_back(std::move(record));
}

std::vector<ForwardRecord> WriteQueue::takeForwards()
{
    std::lock_guard lock(m_mutex);
    std::vector<ForwardRecord> out;
    out.swap(m_forwards);
    return out;
}

bool WriteQueue::take(std::vector<WriteItem> *items, std::vector<std::pair<qint64, qint64>> *updates)
{
    std::lock_guard lock(m_mutex);
    if (m_items.empty()) {
        m_awake = false;
        return false;
    }
    items->swap(m_items);
    updates->swap(m_updates);
    return true;
}

bool WriteQueue::takeIdleUpdates(std::vector<std::pair<qint64, qint64>> *updates)
{
    std::lock_guard lock(m_mutex);
    if (m_awake || (m_updates.empty() && m_infos.empty() && m_forwards.empty() && m_answers.empty()))
        return false;
    updates->swap(m_updates);
    return true;
}

qsizetype WriteQueue::size()
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_items.size());
}

StoreWriter::StoreWriter(WriteQueue *queue)
    : m_queue(queue)
{
}

StoreWriter::~StoreWriter() = default;

bool StoreWriter::open(const QString &path, SyncMode sync, const WalPolicy &wal, QString *error)
{
    m_wal = wal;
    m_sync = sync;
    if (!m_store.open(path, error, sync))
        return false;
    m_store.leaveWalToCheckpointer();
    m_idleTimer = new QTimer(this);
    m_idleTimer->setInterval(kIdleFlushMs);
    connect(m_idleTimer, &QTimer::timeout, this, &StoreWriter::flushIdleUpdates);
    m_idleTimer->start();
    m_indexTimer = new QTimer(this);
    m_indexTimer->setSingleShot(true);
    m_indexTimer->setTimerType(Qt::PreciseTimer);
    m_indexTimer->setInterval(kIndexPauseMs);
    connect(m_indexTimer, &QTimer::timeout, this, &StoreWriter::scheduleBackground);
    restoreUnfinishedClear();
    startCatchUp();
    return true;
}

void StoreWriter::restoreUnfinishedClear()
{
    // A clear cut short (the app quit, a write failed): what it had not deleted stays, and
    // is indexed again like an older store's events.
    QString error;
    if (!m_store.begin())
        return;
    if (!m_store.restoreUnfinishedClear(&error)) {
        m_store.rollback();
        if (!error.isEmpty())
            qCWarning(lcStore).noquote() << "an unfinished clear's events are not searchable by the index:" << error;
        return;
    }
    if (m_store.commit(&error))
        countCommit();
    else
        m_store.rollback();
}

void StoreWriter::startCatchUp()
{
    const std::optional<EventStore::TextBacklog> backlog = m_store.textBacklog();
    if (!backlog || backlog->isEmpty())
        return;
    m_catchUp = *backlog;
    scheduleBackground();
}

void StoreWriter::startRemove(const QList<qint64> &ids)
{
    m_jobs.push_back(DeleteJob{.clearAll = false, .ids = ids, .done = 0, .started = false});
    scheduleBackground();
}

void StoreWriter::startClear()
{
    m_jobs.push_back(DeleteJob{.clearAll = true, .ids = {}, .done = 0, .started = false});
    scheduleBackground();
}

void StoreWriter::scheduleBackground()
{
    if (m_stepScheduled)
        return;
    m_stepScheduled = true;
    // Queued behind whatever request batch is already waiting (drain is queued the same way).
    QMetaObject::invokeMethod(this, &StoreWriter::backgroundStep, Qt::QueuedConnection);
}

bool StoreWriter::inStepTransaction(const std::function<bool(bool *done)> &chunk, QString *error)
{
    drain(); // requests first
    if (!m_store.begin()) {
        *error = QStringLiteral("cannot start a transaction");
        return false;
    }
    QElapsedTimer step;
    step.start();
    bool done = false;
    while (!done && step.elapsed() < kStepMs && m_queue->size() == 0) {
        if (!chunk(&done)) {
            m_store.rollback();
            return false;
        }
    }
    if (!m_store.commit(error)) {
        m_store.rollback();
        return false;
    }
    countCommit();
    return true;
}

void StoreWriter::backgroundStep()
{
    m_stepScheduled = false;
    if (!m_store.isOpen())
        return;
    if (!m_jobs.empty())
        deleteStep();
    else
        indexStep();
    if (!m_jobs.empty()) {
        scheduleBackground();
        return;
    }
    // Indexing goes on only while no capture waits; one that came meanwhile restarts the
    // wait for a pause at its commit (indexAfterCommit).
    const std::optional<EventStore::TextBacklog> backlog = m_store.textBacklog();
    if (!m_indexStopped && backlog && !backlog->isEmpty() && m_queue->size() == 0)
        scheduleBackground();
}

void StoreWriter::indexAfterCommit()
{
    // After a pause of kIndexPauseMs without a commit: under a flood the indexer waits for
    // its end (searches test the events not indexed yet meanwhile), and the captures keep
    // the writer to themselves.
    if (!m_indexStopped && m_indexTimer)
        m_indexTimer->start();
}

void StoreWriter::deleteStep()
{
    DeleteJob &job = m_jobs.front();
    QString error;
    bool ok = true;
    qint64 total = job.ids.size();
    if (job.clearAll && !job.started) {
        ok = inStepTransaction([&](bool *done) { return *done = m_store.beginChunkedClear(&error); }, &error);
        if (ok)
            Q_EMIT clearStarted();
    } else if (job.clearAll) {
        ok = inStepTransaction(
            [&](bool *done) {
                const qint64 deleted = m_store.clearBacklogChunk(kEventsPerPiece, &error);
                *done = deleted < kEventsPerPiece;
                return deleted >= 0;
            },
            &error);
    } else {
        ok = inStepTransaction(
            [&](bool *done) {
                const QList<qint64> piece = job.ids.mid(job.done, kEventsPerPiece);
                if (!m_store.removeInTransaction(piece, &error))
                    return false;
                job.done += piece.size();
                *done = job.done >= job.ids.size();
                return true;
            },
            &error);
    }
    job.started = true;
    bool finished = !ok;
    if (job.clearAll) {
        const std::optional<EventStore::TextState> state = m_store.textState();
        if (state && state->clearing()) {
            job.total = std::max(job.total, state->clearUpTo);
            job.done = state->clearAfter;
        } else {
            job.done = job.total;
        }
        total = job.total;
        finished = finished || !state || !state->clearing();
    } else {
        finished = finished || job.done >= job.ids.size();
    }
    if (ok)
        Q_EMIT deleteProgress(job.done, total);
    if (finished) {
        if (!ok)
            qCWarning(lcStore).noquote() << "deleting events stopped:" << error;
        const bool clearAll = job.clearAll;
        m_jobs.pop_front();
        if (clearAll && !ok) { // what it did not delete stays, and is indexed again
            restoreUnfinishedClear();
            startCatchUp();
        }
        Q_EMIT deleteFinished(ok, error);
    }
}

void StoreWriter::indexStep()
{
    std::optional<EventStore::TextBacklog> backlog = m_store.textBacklog();
    if (backlog && !backlog->isEmpty()) {
        // Nothing of it needs to be durable before the next request's commit (which syncs the
        // WAL, these pages with it): a crash loses at most some indexing, done again.
        m_store.setSyncMode(SyncMode::Normal);
        QString error;
        const bool ok = inStepTransaction(
            [&](bool *done) {
                const qint64 indexed = m_store.indexTextBacklog(kIndexedPerPiece, &error);
                *done = indexed < kIndexedPerPiece;
                return indexed >= 0;
            },
            &error);
        m_store.setSyncMode(m_sync);
        if (!ok) {
            // Searches go on testing the events above the watermark; the next start tries again.
            reportUpdateFailure(QStringLiteral("the search index could not be built: %1").arg(error));
            m_indexStopped = true;
            return;
        }
        backlog = m_store.textBacklog();
    }
    if (!backlog || !m_catchUp)
        return;
    // Told against the backlog found at open; events stored since only follow it.
    const qint64 total = m_catchUp->upTo - m_catchUp->after;
    const qint64 done = std::clamp<qint64>(backlog->after - m_catchUp->after, 0, total);
    Q_EMIT textIndexProgress(done, total);
    if (done >= total)
        m_catchUp.reset();
}

void StoreWriter::writeUpdates(const std::vector<std::pair<qint64, qint64>> &updates, std::size_t maxInfos)
{
    // Each failed write is counted and reported once per round (storeFailed): a full disk
    // must not lose enrichment, forwarding or answer records without a word.
    int failed = 0;
    QString first;
    const auto note = [&](bool written, const char *what, qint64 id) {
        if (written)
            return;
        if (failed++ == 0)
            first = QStringLiteral("the %1 of event %2 was not saved").arg(QLatin1String(what)).arg(id);
    };
    for (const auto &[id, us] : updates)
        note(m_store.setHandlingTime(id, us), "handling time", id);
    for (const EventInfo &info : m_queue->takeInfos(maxInfos))
        note(m_store.saveInfo(info), "enrichment result", info.id);
    for (const ForwardRecord &record : m_queue->takeForwards())
        note(m_store.saveForward(record), "forwarding result", record.id);
    for (const AnswerRecord &answer : m_queue->takeAnswers())
        note(m_store.saveAnswer(answer), "answer", answer.id);
    if (failed > 0)
        reportUpdateFailure(failed == 1 ? first : QStringLiteral("%1 (and %2 more updates)").arg(first).arg(failed - 1));
}

void StoreWriter::reportUpdateFailure(const QString &error)
{
    qCWarning(lcStore).noquote() << error;
    Q_EMIT updatesFailed(error);
}

void StoreWriter::writeUpdateTransaction(const std::vector<std::pair<qint64, qint64>> &updates, std::size_t maxInfos)
{
    if (!m_store.begin()) {
        reportUpdateFailure(QStringLiteral("cannot start a transaction for %1 updates").arg(updates.size()));
        return;
    }
    writeUpdates(updates, maxInfos);
    QString error;
    if (m_store.commit(&error)) {
        countCommit();
    } else {
        m_store.rollback();
        reportUpdateFailure(QStringLiteral("updates not saved: %1").arg(error));
    }
}

void StoreWriter::countCommit()
{
    m_sinceCommit.start();
    m_trimmedSinceCommit = false;
}

void StoreWriter::flushIdleUpdates()
{
    // Only while no request batch waits; one small transaction, and the next chunk after
    // whatever request batch was queued meanwhile.
    std::vector<std::pair<qint64, qint64>> updates;
    if (!m_queue->takeIdleUpdates(&updates)) {
        trimWalInPause();
        return;
    }
    writeUpdateTransaction(updates, kInfosPerIdleChunk);
    if (m_queue->pendingInfos() > 0)
        QTimer::singleShot(0, this, &StoreWriter::flushIdleUpdates);
}

void StoreWriter::drainAll()
{
    drain();
    std::vector<std::pair<qint64, qint64>> updates;
    if (m_queue->takeIdleUpdates(&updates))
        writeUpdateTransaction(updates, std::numeric_limits<std::size_t>::max());
}

void StoreWriter::drain()
{
    std::vector<WriteItem> items;
    std::vector<std::pair<qint64, qint64>> updates;
    while (m_queue->take(&items, &updates)) {
        QList<WriteOutcome> outcomes;
        outcomes.reserve(qsizetype(items.size()));
        QString batchError;
        bool ok = m_store.begin();
        if (!ok)
            batchError = QStringLiteral("cannot start a transaction");
        if (ok)
            writeUpdates(updates, kInfosPerBatch);
        for (WriteItem &item : items) {
            WriteOutcome outcome{item.ticket, false, {}, std::move(item.event)};
            if (ok) {
                QString error;
                outcome.stored = m_store.insert(outcome.event, &error);
                outcome.error = error;
            }
            outcomes.append(std::move(outcome));
        }
        if (ok && !m_store.commit(&batchError)) {
            m_store.rollback();
            ok = false;
        }
        if (ok) {
            countCommit();
        } else {
            qCWarning(lcStore).noquote() << "batch of" << outcomes.size() << "events not stored:" << batchError;
            for (WriteOutcome &outcome : outcomes) {
                outcome.stored = false;
                outcome.event.id = 0;
                if (outcome.error.isEmpty())
                    outcome.error = batchError;
            }
        }
        items.clear();
        updates.clear();
        const bool stored = ok && !outcomes.isEmpty();
        Q_EMIT committed(outcomes);
        if (stored)
            indexAfterCommit();
        resetWalWhenLarge();
    }
}

void StoreWriter::resetWalWhenLarge()
{
    // SQLite restarts the WAL when a write transaction begins with every frame copied into
    // the database file. In any pause of the traffic the background checkpointer gets
    // there, but under a flood without pauses there is always a newer commit and the WAL
    // grows without bound. So once it is very large, and the checkpointer has copied all
    // but a small tail, the writer copies that tail between two batches and its next
    // transaction starts the WAL over. That costs the batch behind it a sync of both files,
    // so it is rare: at most once a second, only past forcedResetFrames, and never while the
    // checkpointer is far behind (a starved checkpointer's backlog would stall requests
    // for seconds; the WAL is then left to grow until the flood ends).
    if (!m_wal.writerRestarts(m_queue->walFrames.load(std::memory_order_relaxed),
                              m_queue->walBackfilled.load(std::memory_order_relaxed)))
        return;
    if (m_sinceWalReset.isValid() && m_sinceWalReset.elapsed() < 1000)
        return;
    if (!m_store.checkpointWal(EventStore::CheckpointMode::Passive).complete)
        return; // the background checkpointer holds the lock: try after the next batch
    m_queue->walReset();
    m_queue->forcedWalRestarts.fetch_add(1, std::memory_order_relaxed);
    m_sinceWalReset.start();
}

void StoreWriter::trimWalInPause()
{
    // Once per pause, after the checkpointer copied everything: the WAL file goes back to
    // nothing. Only here, between requests: the ftruncate of a large file takes a while.
    if (m_wal.idleTrimMs <= 0 || m_trimmedSinceCommit || !m_sinceCommit.isValid()
        || m_sinceCommit.elapsed() < m_wal.idleTrimMs)
        return;
    const int frames = m_queue->walFrames.load(std::memory_order_relaxed);
    if (frames == 0 || m_queue->walBackfilled.load(std::memory_order_relaxed) < frames)
        return;
    m_store.setBusyTimeout(kTrimBusyMs); // a reader still on the WAL: try in the next pause
    if (m_store.checkpointWal(EventStore::CheckpointMode::Truncate).complete) {
        m_queue->walReset();
        m_queue->walTrims.fetch_add(1, std::memory_order_relaxed);
    }
    m_store.setBusyTimeout(EventStore::kBusyTimeoutMs);
    m_trimmedSinceCommit = true;
}

void StoreWriter::finish()
{
    drainAll();
    delete m_idleTimer;
    m_idleTimer = nullptr;
    delete m_indexTimer;
    m_indexTimer = nullptr;
    m_store.checkpointWal(EventStore::CheckpointMode::Truncate);
    m_store.close();
}

bool StoreWriter::clear(QString *error)
{
    drain();
    return m_store.clear(error);
}

bool StoreWriter::remove(const QList<qint64> &ids, QString *error)
{
    drain();
    return m_store.remove(ids, error);
}

void StoreWriter::runOnStore(const std::function<void(EventStore *store)> &work)
{
    drain();
    work(&m_store);
    indexAfterCommit(); // an import's events, say
}

WalCheckpointer::~WalCheckpointer()
{
    closeDatabaseFile();
}

bool WalCheckpointer::open(const QString &path, const WalPolicy &policy)
{
    m_policy = policy;
    if (policy.checkpointWhenIdle) {
        runCurrentThreadWhenIdle();
        CpuPacer::setCurrent(&m_pacer); // its SQLite writes pause between short bursts
    }
    QString error;
    if (!m_store.open(path, &error, SyncMode::Full)) {
        qCWarning(lcStore).noquote() << "checkpointer:" << error;
        return false;
    }
    if (QString syncError; !m_dbSync.open(path, &syncError))
        qCWarning(lcStore).noquote() << "checkpointer: cannot open" << path << "to sync it:" << syncError;
    m_timer = new QTimer(this);
    m_timer->setInterval(policy.checkpointIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &WalCheckpointer::tick);
    m_timer->start();
    return true;
}

void WalCheckpointer::tick()
{
    const EventStore::WalCheckpoint passive = m_store.checkpointWal(EventStore::CheckpointMode::Passive);
    if (!passive.ran)
        return;
    // Only when the writer is about to restart the WAL: syncing after every checkpoint would
    // put the database's writeback in front of each commit's WAL sync (--sync full: c50 p99
    // 9 -> 100+ ms), while the kernel otherwise writes those pages back at its own pace.
    // (And only when this checkpoint copied something since the count last published.)
    if (!passive.complete && passive.checkpointedFrames > 0
        && passive.checkpointedFrames != m_queue->walBackfilled.load(std::memory_order_relaxed)
        && m_policy.writerRestarts(passive.logFrames, passive.checkpointedFrames))
        syncDatabaseFile();
    m_queue->checkpointPauses.store(m_pacer.pauses(), std::memory_order_relaxed); // before the frames it covers
    m_queue->walBackfilled.store(passive.checkpointedFrames, std::memory_order_relaxed);
    m_queue->walFrames.store(passive.logFrames, std::memory_order_relaxed);
}

void WalCheckpointer::syncDatabaseFile()
{
    if (m_dbSync.sync())
        m_queue->checkpointSyncs.fetch_add(1, std::memory_order_relaxed);
}

void WalCheckpointer::closeDatabaseFile()
{
    m_dbSync.close();
}

void WalCheckpointer::stop()
{
    CpuPacer::setCurrent(nullptr);
    delete m_timer;
    m_timer = nullptr;
    closeDatabaseFile();
    m_store.close();
}

} // namespace hookscope
