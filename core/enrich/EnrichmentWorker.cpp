#include "EnrichmentWorker.h"

#include "util/Log.h"
#include "schema/InspectionBudget.h"
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
constexpr int kCatchUpPage = 256; // ids read from the store per catch-up page
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
    if (const qint64 unfinished = m_marker.open(path)) {
        recordUnfinished(unfinished);
        m_skipId = unfinished; // never inspected again, even if its result could not be written
    }
    // Events stored before now without a result (an earlier session, a crash, an import) are
    // read page by page as the worker gets to them, behind new events (issue 25 point 3).
    m_catchUpTotal = m_store.countWithoutInfo();
    m_catchUpFrom = m_store.maxId();
    m_catchUpBefore = m_catchUpTotal > 0 ? m_catchUpFrom + 1 : 0;
    if (!catchingUp())
        return;
    Q_EMIT catchUpProgress(0, m_catchUpTotal);
    m_progressShown = 0;
    updateBacklog();
    {
        std::lock_guard lock(m_mutex);
        if (m_scheduled)
            return;
        m_scheduled = true;
    }
    QMetaObject::invokeMethod(this, &EnrichmentWorker::work, Qt::QueuedConnection);
}

void EnrichmentWorker::recordUnfinished(qint64 id)
{
    const std::optional<EventInfo> known = m_store.loadInfo(id);
    if (known && known->isChecked())
        return; // its result was written after all
    if (!m_store.load(id))
        return; // deleted meanwhile
    const EventInfo info
        = EventInfo::notInspectable(id, QStringLiteral("inspection did not finish in an earlier run"));
    // Written here, on this connection, before the marker is cleared: were it only queued for the
    // writer, a second crash before the writer's next commit would make this event a loop again.
    if (!m_store.saveInfo(info)) {
        qCWarning(lcStore).noquote() << "enrichment: cannot record event" << id << "as not inspected now";
        m_recorder->recordInfo(info); // with the writer's next transaction, then
    }
    m_marker.clear();
    m_done.append(info);
    if (m_publishTimer)
        m_publishTimer->start();
}

std::optional<EventInfo> EnrichmentWorker::inspect(const Event &event)
{
    // The inspector contains what one body does (defaultInspector); this is the net for the rest
    // (trust, a test's inspector) and the place the time limit and shutdown end an inspection.
    m_marker.mark(event.id);
    std::optional<EventInfo> info;
    try {
        const InspectionBudget::Scope budget(m_timeLimit, &m_stopping);
        info = m_inspector(event);
    } catch (const InspectionBudget::Exceeded &e) {
        if (!e.cancelled())
            info = EventInfo::notInspectable(event.id, QString::fromUtf8(e.what()));
    } catch (const std::bad_alloc &) {
        info = EventInfo::notInspectable(event.id, QStringLiteral("could not be inspected: out of memory"));
    } catch (const std::exception &e) {
        info = EventInfo::notInspectable(event.id,
                                         QStringLiteral("could not be inspected: %1").arg(QString::fromUtf8(e.what())));
    }
    m_marker.clear();
    return info;
}

void EnrichmentWorker::close()
{
    m_closed = true;
    m_marker.close();
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
            if (m_queued.contains(event.id) || m_caughtUpNewest.remove(event.id))
                continue;
            m_queued.insert(event.id);
            m_ids.push_back(event.id);
            if (m_events.size() < kKeepWholeEvents)
                m_events.insert(event.id, std::move(event));
        }
        m_backlog = qsizetype(m_ids.size()) + m_catchUpLeft.load();
        schedule = !m_scheduled && !m_ids.empty();
        m_scheduled |= schedule;
    }
    if (schedule)
        QMetaObject::invokeMethod(this, &EnrichmentWorker::work, Qt::QueuedConnection);
}

qint64 EnrichmentWorker::takeNext(bool *fromCatchUp)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_ids.empty()) {
            const qint64 id = m_ids.front();
            m_ids.pop_front();
            m_queued.remove(id);
            *fromCatchUp = false;
            if (id <= m_catchUpFrom && catchingUp())
                m_inspectedEarly.insert(id);
            return id;
        }
    }
    *fromCatchUp = true;
    while (catchingUp()) {
        if (m_catchUpPage.empty()) {
            const QList<qint64> page = m_store.idsWithoutInfoBefore(m_catchUpBefore, kCatchUpPage);
            m_catchUpBefore = page.isEmpty() ? 0 : page.last();
            m_catchUpPage.assign(page.cbegin(), page.cend());
            continue;
        }
        const qint64 id = m_catchUpPage.front();
        m_catchUpPage.pop_front();
        ++m_catchUpDone;
        if (id == m_skipId || m_inspectedEarly.remove(id))
            continue;
        std::lock_guard lock(m_mutex);
        if (m_queued.contains(id))
            continue; // queued again meanwhile: inspected from there
        // The newest events at start were committed before their live batch reached push():
        // the catch-up may take one first; its batch then must not inspect it again.
        if (id > m_catchUpFrom - kCatchUpPage)
            m_caughtUpNewest.insert(id);
        return id;
    }
    m_catchUpDone = m_catchUpTotal; // the count was taken before: deletions end it early
    m_inspectedEarly.clear();
    return 0;
}

void EnrichmentWorker::updateBacklog()
{
    m_catchUpLeft = catchingUp() ? qsizetype(std::max<qint64>(m_catchUpTotal - m_catchUpDone, 1)) : 0;
    std::lock_guard lock(m_mutex);
    m_backlog = qsizetype(m_ids.size()) + m_catchUpLeft.load();
}

void EnrichmentWorker::work()
{
    if (m_closed)
        return;
    if (m_recorder->pendingInfos() > kMaxUnwrittenInfos) {
        QTimer::singleShot(kWaitForWriterMs, this, &EnrichmentWorker::work); // still scheduled
        return;
    }
    for (int n = 0; n < kSliceSize && !m_stopping; ++n) {
        m_pacer.pace();
        bool fromCatchUp = false;
        const qint64 id = takeNext(&fromCatchUp);
        if (id == 0)
            break;
        std::optional<Event> event;
        if (!fromCatchUp) {
            std::lock_guard lock(m_mutex);
            if (auto it = m_events.find(id); it != m_events.end()) {
                event = std::move(it.value());
                m_events.erase(it);
            }
        }
        if (!event)
            event = m_store.load(id);
        if (!event)
            continue; // deleted meanwhile
        std::optional<EventInfo> inspected = inspect(*event);
        if (!inspected)
            break; // stopped for shutdown: inspected again at the next start
        EventInfo info = std::move(*inspected);
        info.id = id;
        m_recorder->recordInfo(info);
        m_done.append(std::move(info));
    }
    updateBacklog();
    const bool progressed = m_progressShown >= 0 && m_catchUpDone != m_progressShown;
    if ((!m_done.isEmpty() || progressed) && m_publishTimer && !m_publishTimer->isActive())
        m_publishTimer->start();
    std::lock_guard lock(m_mutex);
    m_scheduled = !m_stopping && (!m_ids.empty() || catchingUp());
    if (m_scheduled) // more to do: yield to the event loop (and to close()) between slices
        QMetaObject::invokeMethod(this, &EnrichmentWorker::work, Qt::QueuedConnection);
}

void EnrichmentWorker::publish()
{
    if (!m_done.isEmpty()) {
        Q_EMIT enriched(m_done);
        m_done.clear();
    }
    // After the results it counts, so a window that shows 100 % has them all.
    if (m_progressShown >= 0 && m_catchUpDone != m_progressShown) {
        m_progressShown = m_catchUpDone;
        Q_EMIT catchUpProgress(std::min(m_catchUpDone, m_catchUpTotal), m_catchUpTotal);
    }
}

} // namespace hookscope
