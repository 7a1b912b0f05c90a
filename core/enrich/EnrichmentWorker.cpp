#include "EnrichmentWorker.h"

#include "Log.h"
#include "store/EventRecorder.h"
#include "platform/ThreadPriority.h"

#include <QTimer>

namespace hookscope {

namespace {
constexpr qsizetype kKeepWholeEvents = 256; // beyond this backlog, re-read bodies from the store
constexpr int kSliceSize = 64; // events inspected before the event loop gets a turn
// Results not yet written beyond which the worker waits for the writer (which writes them in
// small pieces between request batches): the backlog stays in the store, not in memory.
constexpr std::size_t kMaxUnwrittenInfos = 2048;
constexpr int kWaitForWriterMs = 20;
} // namespace

EnrichmentWorker::EnrichmentWorker(EventRecorder *recorder, EnrichmentService::Inspector inspector)
    : m_recorder(recorder)
    , m_inspector(std::move(inspector))
{
}

void EnrichmentWorker::open(const QString &path)
{
    // Validation must never take the CPU from the thread that answers requests.
    runCurrentThreadWhenIdle();
    QString error;
    if (!m_store.open(path, &error)) {
        qCWarning(lcStore).noquote() << "enrichment:" << error;
        return;
    }
    m_publishTimer = new QTimer(this);
    m_publishTimer->setInterval(100);
    m_publishTimer->setSingleShot(true);
    connect(m_publishTimer, &QTimer::timeout, this, &EnrichmentWorker::publish);
    push(m_store.idsWithoutInfo(), {});
}

void EnrichmentWorker::close()
{
    m_closed = true;
    publish();
    delete m_publishTimer;
    m_publishTimer = nullptr;
    m_store.close();
}

void EnrichmentWorker::push(QList<qint64> ids, QList<Event> events)
{
    bool schedule = false;
    {
        std::lock_guard lock(m_mutex);
        // An id can come twice (the catch-up at start and a live batch): queue it once.
        for (qint64 id : ids) {
            if (!m_queued.contains(id)) {
                m_queued.insert(id);
                m_ids.push_back(id);
            }
        }
        for (Event &event : events) {
            if (m_queued.contains(event.id))
                continue;
            m_queued.insert(event.id);
            m_ids.push_back(event.id);
            if (m_events.size() < kKeepWholeEvents)
                m_events.insert(event.id, std::move(event));
        }
        m_backlog = qsizetype(m_ids.size());
        schedule = !m_scheduled && !m_ids.empty();
        m_scheduled |= schedule;
    }
    if (schedule)
        QMetaObject::invokeMethod(this, &EnrichmentWorker::work, Qt::QueuedConnection);
}

void EnrichmentWorker::work()
{
    if (m_closed)
        return;
    if (m_recorder->pendingInfos() > kMaxUnwrittenInfos) {
        QTimer::singleShot(kWaitForWriterMs, this, &EnrichmentWorker::work); // still scheduled
        return;
    }
    for (int n = 0; n < kSliceSize; ++n) {
        m_pacer.pace();
        qint64 id = 0;
        std::optional<Event> event;
        {
            std::lock_guard lock(m_mutex);
            if (m_ids.empty()) {
                m_scheduled = false;
                m_backlog = 0;
                break;
            }
            id = m_ids.front();
            m_ids.pop_front();
            m_queued.remove(id);
            m_backlog = qsizetype(m_ids.size());
            if (auto it = m_events.find(id); it != m_events.end()) {
                event = std::move(it.value());
                m_events.erase(it);
            }
        }
        if (!event)
            event = m_store.load(id);
        if (!event)
            continue; // deleted meanwhile
        EventInfo info = m_inspector(*event);
        info.id = id;
        m_recorder->recordInfo(info);
        m_done.append(std::move(info));
    }
    if (!m_done.isEmpty() && m_publishTimer && !m_publishTimer->isActive())
        m_publishTimer->start();
    std::lock_guard lock(m_mutex);
    if (m_scheduled) // more to do: yield to the event loop (and to close()) between slices
        QMetaObject::invokeMethod(this, &EnrichmentWorker::work, Qt::QueuedConnection);
}

void EnrichmentWorker::publish()
{
    if (m_done.isEmpty())
        return;
    Q_EMIT enriched(m_done);
    m_done.clear();
}

} // namespace hookscope
