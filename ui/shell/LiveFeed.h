#pragma once

#include "event/Event.h"
#include "event/EventInfo.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace hookscope {

// Hands the session's stored events and enrichment results to the window at a bounded rate.
// The capture thread reports every commit; at one request at a time that is a batch of one per
// request, and a table update, a column fit and a status-bar repaint per request cost the GUI
// thread more than the capture itself. The first batch after a quiet interval goes out at once
// (a single hook shows without delay); what arrives within `interval` of a flush waits for the
// next one. Events always go out before the infos that describe them.
class LiveFeed final : public QObject
{
    Q_OBJECT
public:
    explicit LiveFeed(int intervalMs, QObject *parent = nullptr);

    void addEvents(const QList<Event> &events);
    void addInfos(const QList<EventInfo> &infos);
    // Hands over whatever waits now (a held hook's row must be in the table at once).
    void flush();
    [[nodiscard]] bool isPending() const { return !m_events.isEmpty() || !m_infos.isEmpty(); }

Q_SIGNALS:
    void eventsReady(const QList<hookscope::Event> &events);
    void infosReady(const QList<hookscope::EventInfo> &infos);

private:
    void schedule();

    QList<Event> m_events;
    QList<EventInfo> m_infos;
    QTimer m_timer;
    QElapsedTimer m_sinceFlush;
};

} // namespace hookscope
