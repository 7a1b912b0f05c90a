#include "EnrichmentService.h"

#include "EnrichmentWorker.h"

#include <QThread>

namespace hookscope {

EnrichmentService::EnrichmentService(EventRecorder *recorder, Inspector inspector, QObject *parent)
    : QObject(parent)
    , m_recorder(recorder)
    , m_inspector(std::move(inspector))
{
    qRegisterMetaType<hookscope::EventInfo>();
    qRegisterMetaType<QList<hookscope::EventInfo>>();
}

EnrichmentService::~EnrichmentService()
{
    stop();
}

void EnrichmentService::start(const QString &storePath)
{
    stop();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("enrichment"));
    m_worker = new EnrichmentWorker(m_recorder, m_inspector);
    m_worker->setTimeLimit(m_timeLimit);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &EnrichmentWorker::enriched, this, &EnrichmentService::enriched, Qt::QueuedConnection);
    m_lastCatchUp = {0, 0};
    connect(
        m_worker, &EnrichmentWorker::catchUpProgress, this,
        [this](qint64 done, qint64 total) {
            m_lastCatchUp = {done, total};
            Q_EMIT catchUpProgress(done, total);
        },
        Qt::QueuedConnection);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, storePath] { worker->open(storePath); });
}

void EnrichmentService::stop()
{
    if (!m_thread)
        return;
    // Ends the inspection under way at its next budget check (whatever a user schema does), so
    // close() below runs within milliseconds instead of after the slice.
    m_worker->requestStop();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
}

void EnrichmentService::enqueue(const QList<Event> &events)
{
    if (m_worker)
        m_worker->push({}, events);
}

void EnrichmentService::reinspect(const QList<qint64> &ids)
{
    if (m_worker)
        m_worker->push(ids, {});
}

qsizetype EnrichmentService::backlog() const
{
    return m_worker ? m_worker->backlog() : 0;
}

std::uint64_t EnrichmentService::pauses() const
{
    return m_worker ? m_worker->pauses() : 0;
}

} // namespace hookscope
