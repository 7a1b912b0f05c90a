#pragma once

#include "EventStore.h"
#include "StoreWriter.h"
#include "event/CaptureSink.h"

#include <QHash>
#include <QObject>
#include <functional>
#include <memory>

class QThread;

namespace hookscope {

// The network thread's door to the store: takes captured events, has them written by
// the StoreWriter thread in group commits, and calls each capture's `done` on this
// thread once its batch is committed. submit() and the CaptureSink calls run on this
// object's thread (CaptureSession's network thread); the record*() calls, clear(), remove(),
// runOnWriter() and waitForPending() may come from any other thread as well.
class EventRecorder final : public QObject, public CaptureSink
{
    Q_OBJECT
public:
    explicit EventRecorder(QObject *parent = nullptr);
    ~EventRecorder() override;

    bool open(const QString &path, QString *error, SyncMode sync = SyncMode::Full);
    // Writes everything still queued, then stops the writer threads.
    void close();
    // Applies from the next open(); tests use small values.
    void setWalPolicy(const WalPolicy &policy) { m_walPolicy = policy; }
    [[nodiscard]] int forcedWalRestarts() const { return m_queue->forcedWalRestarts.load(); }
    [[nodiscard]] int walTrims() const { return m_queue->walTrims.load(); }
    [[nodiscard]] int checkpointSyncs() const { return m_queue->checkpointSyncs.load(); }
    [[nodiscard]] std::uint64_t checkpointPauses() const { return m_queue->checkpointPauses.load(); }
    // The WAL's frames and how many of them are copied, as the checkpointer last saw them.
    [[nodiscard]] int walFrames() const { return m_queue->walFrames.load(); }
    [[nodiscard]] int walBackfilled() const { return m_queue->walBackfilled.load(); }
    [[nodiscard]] bool isOpen() const { return m_writerThread != nullptr; }
    [[nodiscard]] QString path() const { return m_path; }

    void submit(Event event, CaptureDone done) override;
    void responded(qint64 id, qint64 handlingUs) override;
    // Recorded like a held hook's abandoned answer (event_answer, "client gone"): the event
    // no longer claims the answer it was stored with.
    void unanswered(qint64 id, qint64 afterMs) override;
    // Thread-safe: stores what enrichment learnt, with the writer's next transaction.
    void recordInfo(const EventInfo &info);
    // Enrichment results queued and not yet written (the enrichment worker waits above a limit).
    [[nodiscard]] std::size_t pendingInfos() const;
    // Thread-safe: stores a forwarding result (event_forward) with the next transaction.
    void recordForward(const ForwardRecord &record);
    // Thread-safe: stores the answer a held hook got (HoldDesk's recorder).
    void recordAnswer(const AnswerRecord &record);

    // Blocks until everything submitted so far is committed (and reported).
    void waitForPending();
    // Deletes events through the writer connection (after what is queued).
    bool clear(QString *error);
    bool remove(const QList<qint64> &ids, QString *error);
    // The same without waiting (StoreWriter::startRemove/startClear): deleteProgress and
    // deleteFinished tell how it goes; clearStarted comes after every eventsStored of a batch
    // committed before the clear (a view drops its rows then, and none reappears).
    void removeInBackground(const QList<qint64> &ids);
    void clearInBackground();
    // Caps the store's size (EventStore::setMaxPageCount on the writer connection): beyond
    // it a capture is refused with SQLITE_FULL like on a full disk, and answered 503.
    // 0 lifts the cap. Tests use it to stand for a full disk.
    static constexpr qint64 kPageLimitCurrentSize = -1;
    void setPageLimit(qint64 pages);
    // Thread-safe, but never call it on the writer thread: runs `work` on the writer's
    // connection after what is queued, and returns when it is done. Captures arriving
    // meanwhile wait in the queue (none is lost). An import runs its one transaction here.
    bool runOnWriter(const std::function<void(EventStore *store)> &work, QString *error);
    // Thread-safe: reports events stored through runOnWriter with eventsStored, from this
    // object's thread, like captured ones; then calls `delivered` there (for back pressure).
    void announceStored(const QList<Event> &events, const std::function<void()> &delivered = {});

Q_SIGNALS:
    // Every committed batch, in commit order; the events carry their ids.
    void eventsStored(const QList<hookscope::Event> &events);
    void storeFailed(const QString &error);
    void deleteProgress(qint64 done, qint64 total);
    void deleteFinished(bool ok, const QString &error);
    void clearStarted();
    void textIndexProgress(qint64 done, qint64 total); // the search index's backlog

private:
    // Delivers the batch results queued to this object, on its thread, before returning.
    void deliverReports();
    void onCommitted(const QList<hookscope::WriteOutcome> &outcomes);

    std::unique_ptr<WriteQueue> m_queue;
    QThread *m_writerThread = nullptr;
    QThread *m_checkpointThread = nullptr;
    StoreWriter *m_writer = nullptr; // lives on m_writerThread, deleted with it
    WalCheckpointer *m_checkpointer = nullptr; // lives on m_checkpointThread
    QHash<quint64, CaptureDone> m_waiting;
    quint64 m_nextTicket = 1;
    QString m_path;
    WalPolicy m_walPolicy;
};

} // namespace hookscope
