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
    if (!m_textFiltering)
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
    invalidateRowsFilter();
}

void EventFilterProxy::setVendorKinds(const QStringList &kinds)
{
    if (kinds == m_info.vendorKinds)
        return;
    m_info.vendorKinds = kinds;
    invalidateRowsFilter();
}

void EventFilterProxy::setValidityFilter(ValidityFilter filter)
{
    if (filter == m_info.validity)
        return;
    m_info.validity = filter;
    invalidateRowsFilter();
}

void EventFilterProxy::setMissingTranslationsOnly(bool only)
{
    if (only == m_info.missingTranslationsOnly)
        return;
    m_info.missingTranslationsOnly = only;
    invalidateRowsFilter();
}

bool EventFilterProxy::isFiltering() const
{
    return m_textFiltering || m_info.filtersInfo();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isFiltering())
        return true;
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

} // namespace hookscope
