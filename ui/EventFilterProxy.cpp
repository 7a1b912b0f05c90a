#include "EventFilterProxy.h"

#include "EventTableModel.h"

namespace hookscope {

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EventTableModel::SortKeyRole);
    setDynamicSortFilter(true);
}

void EventFilterProxy::clearMatches()
{
    if (!m_filtering)
        return;
    m_filtering = false;
    m_matches.clear();
    invalidateRowsFilter();
}

void EventFilterProxy::setMatches(const QSet<qint64> &ids)
{
    m_filtering = true;
    m_matches = ids;
    invalidateRowsFilter();
}

void EventFilterProxy::addMatches(const QList<qint64> &ids)
{
    if (!m_filtering)
        return;
    for (const qint64 id : ids)
        m_matches.insert(id);
    // Rows for these ids are appended after this call, so no re-filtering is needed.
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_filtering)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return m_matches.contains(index.data(EventTableModel::IdRole).toLongLong());
}

} // namespace hookscope
