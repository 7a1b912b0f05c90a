#include "LiveFeed.h"

namespace hookscope {

LiveFeed::LiveFeed(int intervalMs, QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveFeed::flush);
}

void LiveFeed::addEvents(const QList<Event> &events)
{
    if (events.isEmpty())
        return;
    m_events.append(events);
    schedule();
}

void LiveFeed::addInfos(const QList<EventInfo> &infos)
{
    if (infos.isEmpty())
        return;
    m_infos.append(infos);
    schedule();
}

void LiveFeed::schedule()
{
    if (m_timer.isActive())
        return;
    const int interval = m_timer.interval();
    const qint64 since = m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : interval;
    if (since >= interval) {
        flush(); // quiet until now: show it at once
        return;
    }
    m_timer.start(int(interval - since));
}

void LiveFeed::flush()
{
    m_timer.stop();
    m_sinceFlush.start();
    if (!m_events.isEmpty())
        Q_EMIT eventsReady(std::exchange(m_events, {}));
    if (!m_infos.isEmpty())
        Q_EMIT infosReady(std::exchange(m_infos, {}));
}

} // namespace hookscope
