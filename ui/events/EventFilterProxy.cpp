#include "EventFilterProxy.h"

#include "EventTableModel.h"

#include <limits>

namespace hookscope {

namespace {

// The text and a typed query are tested on the whole event (by the store, or in memory as a
// live event arrives): their answer is a set of ids. The choosers are tested on the row.
bool decidedByIds(const EventFilter &filter)
{
    return filter.filtersText() || filter.predicate;
}

} // namespace

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EventTableModel::SortKeyRole);
    setDynamicSortFilter(true);
}

void EventFilterProxy::clearMatches()
{
    if (!m_textFiltering)
        return;
    m_textFiltering = false;
    m_matches.clear();
    invalidateRowsFilter();
}

void EventFilterProxy::setMatches(const QSet<qint64> &ids)
{
    m_textFiltering = true;
    m_matches = ids;
    invalidateRowsFilter();
}

void EventFilterProxy::addMatches(const QList<qint64> &ids)
{
    if (!m_textFiltering && !(m_storeBacked && decidedByIds(m_applied)))
        return;
    for (const qint64 id : ids)
        m_matches.insert(id);
    // Rows for these ids are appended after this call, so no re-filtering is needed.
}

void EventFilterProxy::setKindFilter(const std::optional<QString> &kind)
{
    if (kind == m_info.kind)
        return;
    m_info.kind = kind;
    if (!m_storeBacked) // store mode: the store's answer takes effect (setStoreMatches)
        invalidateRowsFilter();
}

void EventFilterProxy::setVendorKinds(const QStringList &kinds)
{
    if (kinds == m_info.vendorKinds)
        return;
    m_info.vendorKinds = kinds;
    if (!m_storeBacked)
        invalidateRowsFilter();
}

void EventFilterProxy::setValidityFilter(ValidityFilter filter)
{
    if (filter == m_info.validity)
        return;
    m_info.validity = filter;
    if (!m_storeBacked)
        invalidateRowsFilter();
}

void EventFilterProxy::setMissingTranslationsOnly(bool only)
{
    if (only == m_info.missingTranslationsOnly)
        return;
    m_info.missingTranslationsOnly = only;
    if (!m_storeBacked)
        invalidateRowsFilter();
}

bool EventFilterProxy::isFiltering() const
{
    if (m_storeBacked)
        return m_applied.filtersText() || m_applied.filtersInfo();
    return m_textFiltering || m_info.filtersInfo();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isFiltering())
        return true;
    if (m_storeBacked)
        return storeAccepts(sourceRow);
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_textFiltering && !m_matches.contains(index.data(EventTableModel::IdRole).toLongLong()))
        return false;
    if (!m_info.filtersInfo())
        return true;
    EventInfo info;
    info.validity = EventInfo::Validity(index.data(EventTableModel::ValidityRole).toInt());
    info.kind = index.data(EventTableModel::KindRole).toString();
    info.missingTranslations = index.data(EventTableModel::MissingTranslationsRole).toInt();
    return m_info.matchesInfo(info, index.data(EventTableModel::ForwardStatusRole).toInt());
}

void EventFilterProxy::setStoreBacked(bool on)
{
    if (on == m_storeBacked)
        return;
    m_storeBacked = on;
    if (on && sourceModel())
        connect(sourceModel(), &QAbstractItemModel::rowsRemoved, this, &EventFilterProxy::sourceRowsRemoved,
                Qt::UniqueConnection);
    m_applied = {};
    m_matches.clear();
    m_textFiltering = false;
    invalidateRowsFilter();
    applySort();
}

void EventFilterProxy::setStoreMatches(const EventFilter &filter, const QSet<qint64> &ids, qint64 upToId)
{
    m_applied = filter;
    m_matches = ids;
    m_upToId = upToId;
    // One layout change: invalidateRowsFilter() removes hidden rows range by range, and
    // hundreds of thousands of scattered ranges cost the view seconds (bench_gui: 75 s for a
    // kind filter hiding 270,000 of 300,000 rows).
    invalidate();
}

void EventFilterProxy::setStoreOrder(int column, const QList<qint64> &ids)
{
    const auto *model = qobject_cast<const EventTableModel *>(sourceModel());
    if (!model)
        return;
    m_rank = QList<int>(model->rowCount(), std::numeric_limits<int>::max());
    m_rankColumn = column;
    for (int place = 0; place < int(ids.size()); ++place) {
        if (const int row = model->rowOf(ids[place]); row >= 0)
            m_rank[row] = place;
    }
    applySort();
}

void EventFilterProxy::sort(int column, Qt::SortOrder order)
{
    m_wantedColumn = column;
    m_wantedOrder = order;
    applySort();
}

void EventFilterProxy::applySort()
{
    // The source is in id order: sorting it by id ascending would only cost time (a million
    // comparisons at every start), so the proxy keeps the source's order.
    if (m_storeBacked && m_wantedColumn == EventTableModel::IdColumn && m_wantedOrder == Qt::AscendingOrder)
        QSortFilterProxyModel::sort(-1, m_wantedOrder);
    else if (m_storeBacked && sortColumn() == m_wantedColumn && sortOrder() == m_wantedOrder)
        invalidate(); // the store's order arrived: sort again by it
    else
        QSortFilterProxyModel::sort(m_wantedColumn, m_wantedOrder);
}

void EventFilterProxy::sourceRowsRemoved(const QModelIndex &parent, int first, int last)
{
    // Ranks follow their rows; a reset (clear) drops them all.
    if (parent.isValid() || first >= int(m_rank.size()))
        return;
    m_rank.remove(first, std::min(int(m_rank.size()), last + 1) - first);
}

bool EventFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_storeBacked && left.column() == EventTableModel::IdColumn)
        return left.row() < right.row(); // the source is in id order: no row is read to sort by it
    if (!m_storeBacked)
        return QSortFilterProxyModel::lessThan(left, right);
    // Store mode reads no row to sort: the store's order (rows newer than it last, by id),
    // or the id order until that order arrives.
    if (left.column() == m_rankColumn && !m_rank.isEmpty()) {
        const auto rank = [this](int row) { return row < int(m_rank.size()) ? m_rank[row] : std::numeric_limits<int>::max(); };
        if (const int l = rank(left.row()), r = rank(right.row()); l != r)
            return l < r;
    }
    return left.row() < right.row();
}

bool EventFilterProxy::storeAccepts(int sourceRow) const
{
    const auto *model = static_cast<const EventTableModel *>(sourceModel());
    const qint64 id = model->idAt(sourceRow);
    const bool inAnswer = m_matches.contains(id);
    const EventInfo *recent = m_applied.filtersInfo() ? model->recentInfo(id) : nullptr;
    const auto appStatus = [&] { return model->index(sourceRow, 0).data(EventTableModel::ForwardStatusRole).toInt(); };
    if (id <= m_upToId) {
        if (!recent)
            return inAnswer; // the store decided
        // Enrichment spoke since: its result decides the info part. Out of the answer with a
        // text filter, the text may not have matched either: it stays out.
        if (decidedByIds(m_applied) && !inAnswer)
            return false;
        return m_applied.matchesInfo(*recent, appStatus());
    }
    // A live event: its text or query matched in memory (addMatches), its info is the row's.
    if (decidedByIds(m_applied) && !inAnswer)
        return false;
    if (!m_applied.filtersInfo())
        return true;
    if (recent)
        return m_applied.matchesInfo(*recent, appStatus());
    const QModelIndex index = model->index(sourceRow, 0);
    EventInfo info;
    info.validity = EventInfo::Validity(index.data(EventTableModel::ValidityRole).toInt());
    info.kind = index.data(EventTableModel::KindRole).toString();
    info.missingTranslations = index.data(EventTableModel::MissingTranslationsRole).toInt();
    return m_applied.matchesInfo(info, appStatus());
}

} // namespace hookscope
