#pragma once

#include "store/EventFilter.h"
#include "timeline/TimelineQuery.h"
#include "timeline/TimelineTally.h"

#include <QObject>
#include <memory>
#include <optional>

class QAction;
class QTimer;

namespace hookscope {

class EventListPane;
class EventStore;
class LiveFeed;
class TimelineLoader;
class TimelineStrip;

// Puts the timeline strip above the event table and keeps it fed: the stored history counted
// by TimelineLoader (its own thread), live batches and enrichment results from LiveFeed added as
// they come, a reload when the filter changes or events are deleted. A range dragged on the strip
// becomes the filter box's `time` terms (TimelineQuery), Esc takes them out again.
// View › Timeline (Ctrl+Shift+T) shows or hides it; hidden, it reads nothing.
class TimelineController final : public QObject
{
    Q_OBJECT
public:
    // All not owned; `reader` is the window's store connection, read only for its path.
    TimelineController(EventListPane *list, LiveFeed *feed, const EventStore *reader, QObject *parent = nullptr);

    [[nodiscard]] QAction *toggleAction() const { return m_toggle; }
    // Checked (the default): the strip counts the filter's matches; else the whole store.
    [[nodiscard]] QAction *matchesAction() const { return m_matchesOnly; }
    [[nodiscard]] TimelineStrip *strip() const { return m_strip; }
    [[nodiscard]] const TimelineTally &tally() const { return *m_tally; }
    [[nodiscard]] bool isLoading() const;

    // Reads the store again (coalesced): the filter changed, events were deleted.
    void reloadLater(int delayMs = 250);

Q_SIGNALS:
    void loaded(); // a load's counts are on the strip

private:
    void reload();
    void onEvents(const QList<hookscope::Event> &events);
    void onInfos(const QList<hookscope::EventInfo> &infos);
    void onLoaded(const std::shared_ptr<hookscope::TimelineTally> &tally, qint64 lastId);
    void onRangeSelected(const hookscope::TimelineQuery::Range &range);
    void onSelectionCleared();
    void onFilterApplied();
    void showBuckets();
    [[nodiscard]] std::optional<EventFilter> currentFilter() const;

    EventListPane *m_list; // not owned
    const EventStore *m_reader; // not owned
    TimelineStrip *m_strip; // child of the list pane
    TimelineLoader *m_loader;
    QAction *m_toggle;
    QAction *m_matchesOnly;
    QTimer *m_reload;
    std::shared_ptr<TimelineTally> m_tally;
    std::optional<EventFilter> m_filter; // the filter the counts were made with; nullopt: none
    // What arrives while a load runs, added to its result (the load may not have read it).
    QList<std::pair<qint64, TimelineTally::Entry>> m_sinceLoad;
    QList<EventInfo> m_infosSinceLoad;
    bool m_loadOverflowed = false;
};

} // namespace hookscope
