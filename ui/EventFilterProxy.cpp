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
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateRowsFilter();
}

void EventFilterProxy::setVendorKinds(const QStringList &kinds)
{
    if (kinds == m_vendorKinds)
        return;
    m_vendorKinds = kinds;
    invalidateRowsFilter();
}

void EventFilterProxy::setValidityFilter(ValidityFilter filter)
{
    if (filter == m_validity)
        return;
    m_validity = filter;
    invalidateRowsFilter();
}

void EventFilterProxy::setMissingTranslationsOnly(bool only)
{
    if (only == m_missingTranslationsOnly)
        return;
    m_missingTranslationsOnly = only;
    invalidateRowsFilter();
}

bool EventFilterProxy::isFiltering() const
{
    return m_textFiltering || m_kind.has_value() || !m_vendorKinds.isEmpty() || m_validity != ValidityFilter::All || m_missingTranslationsOnly;
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isFiltering())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_textFiltering && !m_matches.contains(index.data(EventTableModel::IdRole).toLongLong()))
        return false;
    if (m_missingTranslationsOnly && index.data(EventTableModel::MissingTranslationsRole).toInt() <= 0)
        return false;
    const auto validity = EventInfo::Validity(index.data(EventTableModel::ValidityRole).toInt());
    if (m_kind) {
        // "unknown" means checked and of no known kind; a row still being validated has no
        // kind yet and only shows under "All kinds".
        if (validity == EventInfo::Validity::NotChecked
            || index.data(EventTableModel::KindRole).toString() != *m_kind)
            return false;
    }
    if (!m_vendorKinds.isEmpty() && !m_vendorKinds.contains(index.data(EventTableModel::KindRole).toString()))
        return false;
    switch (m_validity) {
    case ValidityFilter::All:
        return true;
    case ValidityFilter::Valid:
        return validity == EventInfo::Validity::Valid;
    case ValidityFilter::Invalid:
        return validity == EventInfo::Validity::Invalid;
    case ValidityFilter::NotChecked:
        return validity == EventInfo::Validity::NotChecked;
    case ValidityFilter::NotJson:
        return validity == EventInfo::Validity::NotJson;
    case ValidityFilter::AppFailed: {
        const int app = index.data(EventTableModel::ForwardStatusRole).toInt();
        return app < 0 || app >= 400;
    }
    }
    return true;
}

} // namespace hookscope
