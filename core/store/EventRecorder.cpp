#include "EventRecorder.h"

#include "util/Log.h"
#include "platform/SqlitePacing.h"
#include "platform/ThreadPriority.h"

#include <QCoreApplication>
#include <QThread>

namespace hookscope {

EventRecorder::EventRecorder(QObject *parent)
    : QObject(parent)
    , m_queue(std::make_unique<WriteQueue>())
{
    qRegisterMetaType<hookscope::WriteOutcome>();
    qRegisterMetaType<QList<hookscope::WriteOutcome>>();
    qRegisterMetaType<QList<hookscope::Event>>();
}

EventRecorder::~EventRecorder()
{
    close();
}

bool EventRecorder::open(const QString &path, QString *error, SyncMode sync)
{
    close();
    installSqlitePacing();
    m_writerThread = new QThread(this);
    m_writerThread->setObjectName(QStringLiteral("store-writer"));
    m_writer = new StoreWriter(m_queue.get());
    m_writer->moveToThread(m_writerThread);
    connect(m_writerThread, &QThread::finished, m_writer, &QObject::deleteLater);
    connect(m_writer, &StoreWriter::committed, this, &EventRecorder::onCommitted, Qt::QueuedConnection);
    connect(m_writer, &StoreWriter::updatesFailed, this, &EventRecorder::storeFailed, Qt::QueuedConnection);
    // A sender's 2xx waits for this thread's commit: it preempts a busy thread at once.
    connect(m_writerThread, &QThread::started, m_writerThread, [] { requestShortTimeSlice(); }, Qt::DirectConnection);
    // Queued to this thread like `committed`, so they keep their order with the batches.
    connect(m_writer, &StoreWriter::deleteProgress, this, &EventRecorder::deleteProgress, Qt::QueuedConnection);
    connect(m_writer, &StoreWriter::deleteFinished, this, &EventRecorder::deleteFinished, Qt::QueuedConnection);
    connect(m_writer, &StoreWriter::clearStarted, this, &EventRecorder::clearStarted, Qt::QueuedConnection);
    connect(m_writer, &StoreWriter::textIndexProgress, this, &EventRecorder::textIndexProgress, Qt::QueuedConnection);
    m_writerThread->start(QThread::HighPriority);
    bool ok = false;
    QMetaObject::invokeMethod(
        m_writer, [&] { ok = m_writer->open(path, sync, m_walPolicy, error); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        m_writerThread->quit();
        m_writerThread->wait();
        delete m_writerThread;
        m_writerThread = nullptr;
        m_writer = nullptr;
        return false;
    }
    m_path = path;
    m_checkpointThread = new QThread(this);
    m_checkpointThread->setObjectName(QStringLiteral("store-checkpoint"));
    m_checkpointer = new WalCheckpointer(m_queue.get());
    m_checkpointer->moveToThread(m_checkpointThread);
    connect(m_checkpointThread, &QThread::finished, m_checkpointer, &QObject::deleteLater);
    m_checkpointThread->start(QThread::LowPriority);
    QMetaObject::invokeMethod(m_checkpointer, [this, path, policy = m_walPolicy] {
        m_checkpointer->open(path, policy);
    });
    return true;
}

void EventRecorder::close()
{
    if (m_checkpointThread) {
        QMetaObject::invokeMethod(m_checkpointer, [this] { m_checkpointer->stop(); }, Qt::BlockingQueuedConnection);
        m_checkpointThread->quit();
        m_checkpointThread->wait();
        delete m_checkpointThread;
        m_checkpointThread = nullptr;
        m_checkpointer = nullptr;
    }
    if (m_writerThread) {
        QMetaObject::invokeMethod(m_writer, [this] { m_writer->finish(); }, Qt::BlockingQueuedConnection);
        m_writerThread->quit();
        m_writerThread->wait();
        delete m_writerThread;
        m_writerThread = nullptr;
        m_writer = nullptr;
        // Deliver the last batches' results (queued to us) before callers go on.
        deliverReports();
    }
}

void EventRecorder::deliverReports()
{
    if (thread() == QThread::currentThread()) {
        QCoreApplication::sendPostedEvents(this);
        return;
    }
    // Called from another thread (the GUI clearing the store while the recorder lives on the
    // capture thread): the reports are delivered there, and this returns once they are.
    QMetaObject::invokeMethod(this, [this] { QCoreApplication::sendPostedEvents(this); }, Qt::BlockingQueuedConnection);
}

void EventRecorder::submit(Event event, CaptureDone done)
{
    if (!m_writerThread) {
        done(CaptureResult{false, 0, QStringLiteral("the store is not open"), {}});
        return;
    }
    const quint64 ticket = m_nextTicket++;
    m_waiting.insert(ticket, std::move(done));
    if (m_queue->push(WriteItem{ticket, std::move(event)}))
        QMetaObject::invokeMethod(m_writer, &StoreWriter::drain, Qt::QueuedConnection);
}

void EventRecorder::responded(qint64 id, qint64 handlingUs)
{
    m_queue->pushHandlingTime(id, handlingUs);
}

void EventRecorder::unanswered(qint64 id, qint64 afterMs)
{
    AnswerRecord record;
    record.id = id;
    record.source = AnswerSource::ClientGone;
    record.response.status = 0;
    record.afterMs = afterMs;
    recordAnswer(record);
}

void EventRecorder::recordInfo(const EventInfo &info)
{
    m_queue->pushInfo(info);
}

void EventRecorder::recordForward(const ForwardRecord &record)
{
    m_queue->pushForward(record);
}

void EventRecorder::recordAnswer(const AnswerRecord &record)
{
    m_queue->pushAnswer(record);
    // An answer went out: have it on disk now, not at the writer's next idle tick.
    if (m_writer)
        QMetaObject::invokeMethod(m_writer, &StoreWriter::writeUpdatesNow, Qt::QueuedConnection);
}

void EventRecorder::waitForPending()
{
    if (!m_writerThread)
        return;
    QMetaObject::invokeMethod(m_writer, [this] { m_writer->drainAll(); }, Qt::BlockingQueuedConnection);
    deliverReports();
}

std::size_t EventRecorder::pendingInfos() const
{
    return m_queue->pendingInfos();
}

bool EventRecorder::clear(QString *error)
{
    if (!m_writerThread)
        return false;
    bool done = false;
    QMetaObject::invokeMethod(m_writer, [&] { done = m_writer->clear(error); }, Qt::BlockingQueuedConnection);
    deliverReports();
    return done;
}

bool EventRecorder::remove(const QList<qint64> &ids, QString *error)
{
    if (!m_writerThread)
        return false;
    bool done = false;
    QMetaObject::invokeMethod(m_writer, [&] { done = m_writer->remove(ids, error); }, Qt::BlockingQueuedConnection);
    deliverReports();
    return done;
}

void EventRecorder::removeInBackground(const QList<qint64> &ids)
{
    if (m_writer)
        QMetaObject::invokeMethod(m_writer, [writer = m_writer, ids] { writer->startRemove(ids); });
}

void EventRecorder::clearInBackground()
{
    if (m_writer)
        QMetaObject::invokeMethod(m_writer, [writer = m_writer] { writer->startClear(); });
}

void EventRecorder::setPageLimit(qint64 pages)
{
    if (!m_writerThread)
        return;
    QMetaObject::invokeMethod(m_writer, [this, pages] { m_writer->setPageLimit(pages); }, Qt::BlockingQueuedConnection);
}

bool EventRecorder::runOnWriter(const std::function<void(EventStore *store)> &work, QString *error)
{
    if (!m_writerThread) {
        *error = QStringLiteral("the store is not open");
        return false;
    }
    QMetaObject::invokeMethod(m_writer, [&] { m_writer->runOnStore(work); }, Qt::BlockingQueuedConnection);
    return true;
}

void EventRecorder::announceStored(const QList<Event> &events, const std::function<void()> &delivered)
{
    QMetaObject::invokeMethod(this, [this, events, delivered] {
        Q_EMIT eventsStored(events);
        if (delivered)
            delivered();
    });
}

void EventRecorder::onCommitted(const QList<WriteOutcome> &outcomes)
{
    QList<Event> stored;
    stored.reserve(outcomes.size());
    QString failure;
    for (const WriteOutcome &outcome : outcomes) {
        if (CaptureDone done = m_waiting.take(outcome.ticket))
            done(CaptureResult{outcome.stored, outcome.event.id, outcome.error, {}});
        if (outcome.stored)
            stored.append(outcome.event);
        else
            failure = outcome.error;
    }
    if (!stored.isEmpty())
        Q_EMIT eventsStored(stored);
    if (!failure.isEmpty())
        Q_EMIT storeFailed(failure);
}

} // namespace hookscope
