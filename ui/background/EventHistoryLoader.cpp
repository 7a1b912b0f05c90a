#include "EventHistoryLoader.h"

#include <QTimer>

namespace hookscope {

EventHistoryLoader::EventHistoryLoader(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &EventHistoryLoader::loadChunk);
}

void EventHistoryLoader::start(const EventStore *store, qint64 afterId)
{
    m_store = store;
    m_afterId = afterId;
    m_timer->start();
}

void EventHistoryLoader::stop()
{
    m_timer->stop();
    m_store = nullptr;
}

bool EventHistoryLoader::isLoading() const
{
    return m_timer->isActive();
}

void EventHistoryLoader::loadChunk()
{
    if (!m_store) {
        m_timer->stop();
        return;
    }
    const QList<EventSummary> rows = m_store->summaries(m_afterId, m_chunkSize);
    if (!rows.isEmpty()) {
        m_afterId = rows.constLast().id;
        Q_EMIT chunkLoaded(rows);
    }
    if (rows.size() < m_chunkSize) {
        stop();
        Q_EMIT finished();
    }
}

} // namespace hookscope
