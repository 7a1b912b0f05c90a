#include "EventListPane.h"

#include "schema/KindGroups.h"
#include "enrich/DefaultInspector.h"

#include "DeleteConfirmation.h"
#include "EventColumns.h"
#include "EventFilterProxy.h"
#include "FilterEdit.h"
#include "EventItemDelegate.h"
#include "EventSearch.h"
#include "EventTableModel.h"
#include "NewEventsBadge.h"
#include "NoMatchNote.h"
#include "SelectionKeeper.h"
#include "QueryAssist.h"
#include "query/EventQuery.h"
#include "store/EventStore.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QAbstractItemView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hookscope {

EventListPane::EventListPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventTableModel(this))
    , m_proxy(new EventFilterProxy(this))
    , m_search(new EventSearch(this))
    , m_filter(new FilterEdit(this))
    , m_kindCombo(new QComboBox(this))
    , m_validityCombo(new QComboBox(this))
    , m_missingTranslationsCheck(new QCheckBox(tr("Missing translations"), this))
    , m_table(new QTableView(this))
    , m_filterDelay(new QTimer(this))
    , m_requery(new QTimer(this))
{
    setObjectName(QStringLiteral("eventListPane"));
    m_proxy->setSourceModel(m_model);

    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter by text, or a query: status >= 500 and body.data.status = cancelled  (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_kindCombo->setObjectName(QStringLiteral("kindCombo"));
    m_kindCombo->setToolTip(tr("Show events of one kind"));
    // Fixed widths: the bar must not shift as kinds arrive or counts change (issue 24, point 9).
    m_filter->setMinimumWidth(m_filter->fontMetrics().horizontalAdvance(tr("Filter by target, headers")) + 40);
    m_kindCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_kindCombo->setMinimumContentsLength(12);
    fillKindCombo();
    m_validityCombo->setObjectName(QStringLiteral("validityCombo"));
    m_validityCombo->setToolTip(tr("Show events by validation result"));
    using ValidityFilter = EventFilterProxy::ValidityFilter;
    m_validityCombo->addItem(tr("Valid and invalid"), int(ValidityFilter::All));
    m_validityCombo->addItem(tr("Valid"), int(ValidityFilter::Valid));
    m_validityCombo->addItem(tr("Invalid"), int(ValidityFilter::Invalid));
    m_validityCombo->addItem(tr("Not checked yet"), int(ValidityFilter::NotChecked));
    m_validityCombo->addItem(tr("Not JSON"), int(ValidityFilter::NotJson));
    m_validityCombo->addItem(tr("App answered an error"), int(ValidityFilter::AppFailed));
    m_validityCombo->setItemData(m_validityCombo->count() - 1,
                                 tr("Forwarded events your app answered with 4xx/5xx, or could not take"), Qt::ToolTipRole);
    m_missingTranslationsCheck->setObjectName(QStringLiteral("missingTranslationsCheck"));
    m_missingTranslationsCheck->setToolTip(tr("Show only events whose translated fields lack a language other fields have"));
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(200);
    // A query on results that come after the event (kind, validity, forwarding, answers) is run
    // again in the store when they arrive, at most once a second.
    m_requery->setSingleShot(true);
    m_requery->setInterval(1000);

    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new EventItemDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EventTableModel::IdColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures 100,000 rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(EventTableModel::TargetColumn, QHeaderView::Stretch);
    header->resizeSection(EventTableModel::IdColumn, 64);
    header->resizeSection(EventTableModel::TimeColumn, 104);
    header->resizeSection(EventTableModel::MethodColumn, 76);
    header->resizeSection(EventTableModel::KindColumn, 120);
    header->resizeSection(EventTableModel::ResultColumn, 140);
    header->resizeSection(EventTableModel::LanguagesColumn, 110);
    header->resizeSection(EventTableModel::BodySizeColumn, 84);
    header->resizeSection(EventTableModel::SenderColumn, 130);
    m_columns = new EventColumns(m_table);
    m_newBadge = new NewEventsBadge(m_table);
    m_noMatch = new NoMatchNote(m_table);
    connect(new SelectionKeeper(m_table), &SelectionKeeper::selectedCountChanged, this,
            &EventListPane::selectionCountChanged);

    auto *filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(6, 6, 6, 4);
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_kindCombo);
    filterRow->addWidget(m_validityCombo);
    filterRow->addWidget(m_missingTranslationsCheck);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(filterRow);
    auto *queryError = new QLabel(this);
    queryError->setContentsMargins(8, 0, 8, 4);
    m_assist = new QueryAssist(m_filter, queryError, this);
    layout->addWidget(queryError);
    layout->addWidget(m_table, 1);

    auto *focusFilterAction = new QAction(tr("Find"), this);
    focusFilterAction->setShortcut(QKeySequence::Find);
    focusFilterAction->setShortcutContext(Qt::WindowShortcut);
    connect(focusFilterAction, &QAction::triggered, this, &EventListPane::focusFilter);
    addAction(focusFilterAction);
    auto *deleteAction = m_deleteAction = new QAction(tr("&Delete Selected Events"), this);
    deleteAction->setObjectName(QStringLiteral("deleteSelectedAction"));
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, [this] {
        if (const QList<qint64> ids = selectedIds(); !ids.isEmpty() && DeleteConfirmation::confirm(this, int(ids.size())))
            Q_EMIT deleteRequested(ids);
    });
    m_table->addAction(deleteAction);
    auto *clearFilterAction = new QAction(this);
    clearFilterAction->setShortcut(Qt::Key_Escape);
    clearFilterAction->setShortcutContext(Qt::WidgetShortcut);
    connect(clearFilterAction, &QAction::triggered, m_filter, &QLineEdit::clear);
    m_filter->addAction(clearFilterAction);

    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filterDelay, &QTimer::timeout, this, &EventListPane::startSearch);
    connect(m_search, &EventSearch::finished, this, &EventListPane::onSearchFinished);
    connect(m_assist, &QueryAssist::pathsWanted, m_search, &EventSearch::collectPaths);
    connect(m_search, &EventSearch::pathsSeen, m_assist, &QueryAssist::setPaths);
    connect(m_requery, &QTimer::timeout, this, [this] {
        if (!m_search->isRunning())
            startSearch();
    });
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &EventListPane::applyKindChoice);
    connect(m_validityCombo, &QComboBox::currentIndexChanged, this, &EventListPane::applyValidityChoice);
    connect(m_missingTranslationsCheck, &QCheckBox::toggled, this, &EventListPane::applyMissingTranslationsChoice);
    connect(m_model, &EventTableModel::kindsChanged, this, &EventListPane::fillKindCombo);
    connect(m_search, &EventSearch::historyReady, this, &EventListPane::onHistoryReady);
    connect(m_search, &EventSearch::orderReady, this, [this](int column, const QList<qint64> &ids) {
        if (m_table->horizontalHeader()->sortIndicatorSection() == column)
            m_proxy->setStoreOrder(column, ids);
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &EventListPane::requestOrder);
    connect(m_model, &EventTableModel::firstForwardSeen, this,
            [this] { m_columns->revealOnce(EventTableModel::ForwardColumn); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventListPane::onCurrentChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EventListPane::updateCompareBase);
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, &EventListPane::onAboutToInsert);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &EventListPane::onInserted);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (m_paused || !m_wasAtEdge) // the user reads older rows: say how many came meanwhile
            m_newBadge->add(last - first + 1);
    });
    connect(m_newBadge, &QToolButton::clicked, this, [this] {
        m_newBadge->reset();
        scrollToNewest();
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        if (m_newBadge->count() > 0 && !m_paused && atNewestEdge())
            m_newBadge->reset();
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this] { m_newBadge->setNewestAtTop(newestAtTop()); });
    connect(m_model, &QAbstractItemModel::modelReset, m_newBadge, &NewEventsBadge::reset);
    const auto countChanged = [this] {
        updateMatchLabel();
        Q_EMIT eventCountChanged(eventCount());
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, countChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { followStoreSize(); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, countChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, countChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] { onCurrentChanged(m_table->currentIndex()); });
    // Kind and validity filters follow enrichment results: the shown count changes with them.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &EventListPane::updateMatchLabel);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &EventListPane::updateMatchLabel);
}

EventListPane::~EventListPane() = default;

void EventListPane::setStorePath(const QString &path)
{
    m_search->setStorePath(path);
}

void EventListPane::loadHistory(const EventStore *store)
{
    // The store's rows are read page by page as they come into view (EventTableModel::setStore);
    // only their ids come now, in one query on the search thread: the scroll bar spans the
    // whole store as soon as they arrive, however big it is (issue 25).
    m_model->hold();
    m_historyStore = store;
    m_model->setStore(store);
    m_search->setStorePath(store->path()); // the search thread's own connection to it
    m_search->startHistory();
}

void EventListPane::onHistoryReady(const QList<qint64> &ids, const QStringList &kinds)
{
    // Store mode before the rows come: a proxy in memory mode would read every row to place it.
    followStoreSize(int(ids.size()));
    m_model->appendIds(ids);
    m_model->addKinds(kinds);
    if (m_historyStore)
        m_model->setForwardedMany(m_historyStore->forwardOutcomes());
    m_model->release();
    followStoreSize();
    Q_EMIT historyLoaded();
}

void EventListPane::followStoreSize(int coming)
{
    // A small store is filtered and sorted in memory, at once (every row fits the model's
    // cache); from kStoreBackedRows on, by the store (issue 25).
    if (m_proxy->isStoreBacked() || !m_historyStore || m_model->rowCount() + coming < kStoreBackedRows)
        return;
    m_proxy->setStoreBacked(true); // keeps the sort in force, by the store's order once it comes
    requestOrder();
    requestView();
}

void EventListPane::requestOrder()
{
    const int column = m_table->horizontalHeader()->sortIndicatorSection();
    if (!m_proxy->isStoreBacked() || column == EventTableModel::IdColumn || m_proxy->hasStoreOrder(column))
        return;
    using O = EventStore::ViewOrder;
    static const QHash<int, O> orders = {
        {EventTableModel::TimeColumn, O::ReceivedAt}, {EventTableModel::MethodColumn, O::Method},
        {EventTableModel::TargetColumn, O::Target}, {EventTableModel::KindColumn, O::Kind},
        {EventTableModel::ResultColumn, O::Result}, {EventTableModel::ForwardColumn, O::Forward},
        {EventTableModel::LanguagesColumn, O::Languages}, {EventTableModel::BodySizeColumn, O::BodySize},
        {EventTableModel::SenderColumn, O::Sender},
    };
    m_search->startOrder(orders.value(column, O::Id), column);
}

void EventListPane::addEvents(const QList<Event> &events)
{
    QList<EventSummary> rows;
    rows.reserve(events.size());
    QList<qint64> matched;
    for (const Event &event : events) {
        rows.append(summaryOf(event));
        if ((m_textFilter.filtersText() || m_textFilter.predicate) && m_textFilter.matches(event, EventInfo{})) {
            matched.append(event.id);
            m_liveMatches.insert(event.id);
        }
    }
    m_proxy->addMatches(matched);
    m_model->enqueue(rows);
}

void EventListPane::applyInfos(const QList<EventInfo> &infos)
{
    m_model->applyInfos(infos);
    requeryLater();
}

void EventListPane::applyForward(qint64 id, int status, const QString &error)
{
    m_model->setForwarded(id, status, error);
    requeryLater();
}

void EventListPane::requeryLater()
{
    if (m_textFilter.predicate && m_textFilter.predicate->dependsOnLaterResults() && !m_requery->isActive())
        m_requery->start();
}

void EventListPane::fillKindCombo()
{
    // Item data: none for "All kinds", the kind id, or an empty string for "unknown".
    const QVariant chosen = m_kindCombo->currentData();
    const QSignalBlocker blocker(m_kindCombo);
    m_kindCombo->clear();
    m_kindCombo->addItem(tr("All kinds"));
    // Vendor, then its kinds: a vendor entry (its data the list of its kinds seen) shows them all.
    // A vendor of one kind seen needs no entry of its own.
    for (const KindGroup &group : KindGroups::of(m_model->kinds(), appKindCatalog())) {
        const bool header = !group.title.isEmpty() && group.kinds.size() > 1;
        if (header)
            m_kindCombo->addItem(tr("%1 (all)").arg(group.title), group.kinds);
        for (const QString &kind : group.kinds) {
            m_kindCombo->addItem(header ? QStringLiteral("    ") + kind : kind, kind);
            m_kindCombo->setItemData(m_kindCombo->count() - 1, kind, Qt::ToolTipRole);
        }
    }
    m_kindCombo->addItem(tr("unknown"), QString(QLatin1String("")));
    if (m_assist) // nullptr while the constructor fills the chooser first
        m_assist->setKinds(m_model->kinds());
    // The box keeps its width; its list is as wide as its longest kind.
    m_kindCombo->view()->setMinimumWidth(m_kindCombo->view()->sizeHintForColumn(0) + 24);
    int index = 0;
    if (chosen.isValid()) {
        for (int i = 1; i < m_kindCombo->count(); ++i) {
            if (m_kindCombo->itemData(i) == chosen)
                index = i;
        }
    }
    m_kindCombo->setCurrentIndex(index);
    if (chosen.isValid() && index == 0)
        applyKindChoice(); // the chosen kind is gone (the events were cleared)
}

void EventListPane::applyKindChoice()
{
    const QVariant data = m_kindCombo->currentData();
    if (m_assist)
        m_assist->setChosenKind(data.typeId() == QMetaType::QString ? data.toString() : QString());
    const bool vendor = data.typeId() == QMetaType::QStringList;
    m_proxy->setVendorKinds(vendor ? data.toStringList() : QStringList());
    m_proxy->setKindFilter(data.isValid() && !vendor ? std::optional<QString>(data.toString()) : std::nullopt);
    requestView();
}

void EventListPane::applyValidityChoice()
{
    m_proxy->setValidityFilter(EventFilterProxy::ValidityFilter(m_validityCombo->currentData().toInt()));
    requestView();
}

void EventListPane::applyMissingTranslationsChoice()
{
    m_proxy->setMissingTranslationsOnly(m_missingTranslationsCheck->isChecked());
    requestView();
}

void EventListPane::removeEvents(const QList<qint64> &ids)
{
    m_model->removeIds(ids);
}

void EventListPane::clearEvents()
{
    m_model->clear();
    m_liveMatches.clear();
}

void EventListPane::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused) {
        m_newBadge->reset();
        scrollToNewest();
    }
}

void EventListPane::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void EventListPane::setFilterText(const QString &text)
{
    m_filter->setText(text);
    m_filterDelay->stop();
    startSearch();
}

void EventListPane::startSearch()
{
    const QString text = m_filter->text().trimmed();
    m_liveMatches.clear();
    Q_EMIT searchTermChanged(text);
    m_requery->stop();
    if (text.isEmpty()) {
        m_assist->clearError();
        m_textFilter = {};
    } else {
        const EventQuery::Result query = EventQuery::filterFor(text, EventQuery::contextFor(appKindCatalog()));
        if (!query.ok()) { // the table keeps the last filter that worked
            m_assist->showError(query.error);
            return;
        }
        m_assist->clearError();
        m_textFilter = query.filter;
    }
    if (!m_proxy->isStoreBacked() && text.isEmpty()) {
        m_search->cancel();
        m_proxy->clearMatches();
    }
    requestView();
}

void EventListPane::requestView()
{
    const bool byText = m_textFilter.filtersText() || m_textFilter.predicate;
    if (!m_proxy->isStoreBacked()) {
        // No store (or a small one): kind and validity are tested in memory; the text or the
        // query by the search.
        if (byText) {
            m_filter->setCountText(tr("Searching…"));
            m_searchTicket = m_search->start(m_filter->text().trimmed(), m_textFilter);
            return;
        }
        updateMatchLabel();
        Q_EMIT filterApplied();
        return;
    }
    EventFilter filter = m_proxy->infoFilter();
    filter.needle = m_textFilter.needle;
    filter.predicate = m_textFilter.predicate;
    if (!filter.filtersText() && !filter.filtersInfo()) {
        m_search->cancel();
        m_proxy->setStoreMatches({}, {}, 0);
        updateMatchLabel();
        Q_EMIT filterApplied();
        return;
    }
    m_filter->setCountText(tr("Searching…"));
    m_searchTicket = m_search->start(m_filter->text().trimmed(), filter);
}

void EventListPane::onSearchFinished(quint64 ticket, const QString &text, const EventFilter &filter,
                                     const QSet<qint64> &ids, qint64 upToId)
{
    Q_UNUSED(text) // the ticket names the newest search
    if (ticket != m_searchTicket)
        return;
    if (m_proxy->isStoreBacked())
        m_proxy->setStoreMatches(filter, ids | m_liveMatches, upToId);
    else
        m_proxy->setMatches(ids | m_liveMatches);
    updateMatchLabel();
    if (m_table->currentIndex().isValid())
        m_table->scrollTo(m_table->currentIndex());
    Q_EMIT filterApplied();
}

void EventListPane::updateMatchLabel()
{
    if (m_proxy->isFiltering())
        m_filter->setCountText(tr("%L1 of %L2 events").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    else
        m_filter->setCountText({}); // the status bar counts the events
    m_noMatch->setHiddenCount(m_proxy->isFiltering() && m_proxy->rowCount() == 0 ? m_model->rowCount() : 0);
}

QList<qint64> EventListPane::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &row : rows)
        ids.append(row.data(EventTableModel::IdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

qint64 EventListPane::currentId() const
{
    return m_table->currentIndex().data(EventTableModel::IdRole).toLongLong();
}

int EventListPane::eventCount() const
{
    return m_model->rowCount();
}

void EventListPane::onCurrentChanged(const QModelIndex &current)
{
    Q_EMIT currentEventChanged(current.isValid() ? current.data(EventTableModel::IdRole).toLongLong() : 0);
    updateCompareBase(); // the selection model moves the current row after the selection
}

void EventListPane::updateCompareBase()
{
    const QList<qint64> ids = selectedIds();
    const qint64 current = currentId();
    qint64 base = 0;
    if (ids.size() == 2 && ids.contains(current))
        base = ids.first() == current ? ids.last() : ids.first();
    if (base == m_compareBase)
        return;
    m_compareBase = base;
    Q_EMIT compareBaseChanged(base);
}

bool EventListPane::newestAtTop() const
{
    const QHeaderView *header = m_table->horizontalHeader();
    const int column = header->sortIndicatorSection();
    return (column == EventTableModel::IdColumn || column == EventTableModel::TimeColumn)
        && header->sortIndicatorOrder() == Qt::DescendingOrder;
}

bool EventListPane::atNewestEdge() const
{
    const QScrollBar *bar = m_table->verticalScrollBar();
    return newestAtTop() ? bar->value() <= bar->minimum() : bar->value() >= bar->maximum();
}

void EventListPane::onAboutToInsert()
{
    m_wasAtEdge = atNewestEdge();
}

void EventListPane::onInserted()
{
    if (!m_paused && m_wasAtEdge)
        scrollToNewest();
}

void EventListPane::scrollToNewest()
{
    if (newestAtTop())
        m_table->scrollToTop();
    else
        m_table->scrollToBottom();
}

} // namespace hookscope
