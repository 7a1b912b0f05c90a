#include "TimelineController.h"

#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "LiveFeed.h"
#include "TimelineLoader.h"
#include "TimelineStrip.h"
#include "enrich/DefaultInspector.h"
#include "query/EventQuery.h"
#include "store/EventStore.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hookscope {

namespace {
constexpr int kMaxSinceLoad = 200'000; // live events kept for a running load; past it, load again
const QString kVisibleKey = QStringLiteral("view/timeline");
const QString kMatchesKey = QStringLiteral("view/timelineMatchesOnly");
} // namespace

TimelineController::TimelineController(EventListPane *list, LiveFeed *feed, const EventStore *reader, QObject *parent)
    : QObject(parent)
    , m_list(list)
    , m_reader(reader)
    , m_strip(new TimelineStrip(list))
    , m_loader(new TimelineLoader(this))
    , m_toggle(new QAction(tr("&Timeline"), this))
    , m_matchesOnly(new QAction(tr("Timeline Counts Filter &Matches Only"), this))
    , m_reload(new QTimer(this))
    , m_tally(std::make_shared<TimelineTally>())
{
    // Above the table, under the filter row and its error line.
    if (auto *box = qobject_cast<QVBoxLayout *>(list->layout()))
        box->insertWidget(box->indexOf(list->table()), m_strip);
    m_strip->setBuckets(&m_tally->matched());

    const QSettings settings;
    m_toggle->setObjectName(QStringLiteral("timelineAction"));
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_toggle->setIcon(QApplication::style()->standardIcon(QStyle::SP_FileDialogInfoView));
    m_toggle->setToolTip(tr("Show events over time above the table; drag on it to filter a time range"));
    m_toggle->setChecked(settings.value(kVisibleKey, true).toBool());
    m_strip->setVisible(m_toggle->isChecked());
    m_matchesOnly->setObjectName(QStringLiteral("timelineMatchesAction"));
    m_matchesOnly->setCheckable(true);
    m_matchesOnly->setChecked(settings.value(kMatchesKey, true).toBool());
    m_strip->addAction(m_matchesOnly);
    m_strip->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_reload->setSingleShot(true);
    connect(m_reload, &QTimer::timeout, this, &TimelineController::reload);
    connect(m_toggle, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kVisibleKey, on);
        m_strip->setVisible(on);
        if (on)
            reloadLater(0);
        else
            m_loader->cancel();
    });
    connect(m_matchesOnly, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kMatchesKey, on);
        showBuckets();
    });
    connect(feed, &LiveFeed::eventsReady, this, &TimelineController::onEvents);
    connect(feed, &LiveFeed::infosReady, this, &TimelineController::onInfos);
    connect(list, &EventListPane::historyLoaded, this, [this] { reloadLater(0); });
    connect(list, &EventListPane::filterApplied, this, &TimelineController::onFilterApplied);
    // Deleted or cleared events: count again (the model's own signals; ids leave it only then).
    connect(list->model(), &QAbstractItemModel::rowsRemoved, this, [this] { reloadLater(); });
    connect(list->model(), &QAbstractItemModel::modelReset, this, [this] { reloadLater(); });
    connect(m_loader, &TimelineLoader::loaded, this, &TimelineController::onLoaded);
    connect(m_strip, &TimelineStrip::rangeSelected, this, &TimelineController::onRangeSelected);
    connect(m_strip, &TimelineStrip::selectionCleared, this, &TimelineController::onSelectionCleared);
}

bool TimelineController::isLoading() const
{
    return m_loader->isRunning() || m_reload->isActive();
}

void TimelineController::reloadLater(int delayMs)
{
    if (!m_toggle->isChecked())
        return;
    m_reload->start(delayMs);
}

void TimelineController::reload()
{
    if (!m_reader || m_reader->path().isEmpty())
        return;
    m_filter = currentFilter();
    m_sinceLoad.clear();
    m_infosSinceLoad.clear();
    m_loadOverflowed = false;
    m_loader->load(m_reader->path(), m_filter);
}

std::optional<EventFilter> TimelineController::currentFilter() const
{
    const QString text = m_list->filterEdit()->text().trimmed();
    EventFilter filter;
    if (!text.isEmpty()) {
        const EventQuery::Result query = EventQuery::filterFor(text, EventQuery::contextFor(appKindCatalog()));
        if (!query.ok()) // the table keeps the last filter that worked; so does the timeline
            return m_filter;
        filter = query.filter;
    }
    const EventFilterProxy *proxy = m_list->proxy();
    filter.kind = proxy->kindFilter();
    filter.vendorKinds = proxy->vendorKinds();
    filter.validity = proxy->validityFilter();
    filter.missingTranslationsOnly = proxy->missingTranslationsOnly();
    if (!filter.filtersText() && !filter.filtersInfo() && !filter.predicate)
        return std::nullopt;
    return filter;
}

void TimelineController::onEvents(const QList<Event> &events)
{
    const bool loading = m_loader->isRunning();
    for (const Event &event : events) {
        const bool matched = !m_filter || m_filter->matches(event, EventInfo{});
        const TimelineTally::Entry entry = TimelineTally::entryOf(event, EventInfo{}, matched);
        m_tally->add(event.id, entry);
        if (loading && m_sinceLoad.size() < kMaxSinceLoad)
            m_sinceLoad.append({event.id, entry});
        else if (loading)
            m_loadOverflowed = true;
    }
    m_strip->refresh();
}

void TimelineController::onInfos(const QList<EventInfo> &infos)
{
    for (const EventInfo &info : infos)
        m_tally->applyInfo(info);
    if (m_loader->isRunning() && m_infosSinceLoad.size() < kMaxSinceLoad)
        m_infosSinceLoad.append(infos);
    m_strip->refresh();
    // A filter on results that come later (kind, validity, a query on them) decides only now
    // whether these events match: count again, at most every two seconds.
    if (m_filter && (m_filter->filtersInfo() || (m_filter->predicate && m_filter->predicate->dependsOnLaterResults()))
        && !m_reload->isActive())
        reloadLater(2000);
}

void TimelineController::onLoaded(const std::shared_ptr<TimelineTally> &tally, qint64 lastId)
{
    for (const auto &[id, entry] : std::as_const(m_sinceLoad)) {
        if (id > lastId)
            tally->add(id, entry);
    }
    for (const EventInfo &info : std::as_const(m_infosSinceLoad))
        tally->applyInfo(info);
    m_sinceLoad.clear();
    m_infosSinceLoad.clear();
    m_tally = tally;
    showBuckets();
    if (m_loadOverflowed)
        reloadLater();
    Q_EMIT loaded();
}

void TimelineController::showBuckets()
{
    m_strip->setBuckets(m_matchesOnly->isChecked() ? &m_tally->matched() : &m_tally->all());
}

void TimelineController::onFilterApplied()
{
    m_strip->setSelection(TimelineQuery::rangeIn(m_list->filterEdit()->text()));
    reloadLater();
}

void TimelineController::onRangeSelected(const TimelineQuery::Range &range)
{
    m_list->setFilterText(TimelineQuery::withRange(m_list->filterEdit()->text(), range));
}

void TimelineController::onSelectionCleared()
{
    const QString text = m_list->filterEdit()->text();
    const QString without = TimelineQuery::withoutRange(text);
    if (without != text.trimmed())
        m_list->setFilterText(without);
}

} // namespace hookscope
