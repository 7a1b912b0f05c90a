#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace hookscope {

// Sorts the event table by its SortKeyRole and hides rows outside the current match set.
// The matching itself happens elsewhere (EventSearch in SQL, EventSearch::matches for
// live events): bodies never come into memory here.
class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventFilterProxy(QObject *parent = nullptr);

    // No filter: every row shows.
    void clearMatches();
    // Only these ids show (replaces the set).
    void setMatches(const QSet<qint64> &ids);
    // Adds ids to an active set (a live event matched); no-op without a filter.
    void addMatches(const QList<qint64> &ids);
    [[nodiscard]] bool isFiltering() const { return m_filtering; }

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<qint64> m_matches;
    bool m_filtering = false;
};

} // namespace hookscope
