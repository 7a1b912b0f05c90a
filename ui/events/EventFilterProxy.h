#pragma once

#include "store/EventFilter.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <optional>

namespace hookscope {

// Sorts the event table by its SortKeyRole and hides rows outside the current match set,
// the chosen kind and the chosen validity (all three combine). The text matching itself
// happens elsewhere (EventSearch in SQL, EventFilter::matchesText for live events): bodies
// never come into memory here. Kind, validity and translations are tested by
// EventFilter::matchesInfo (the predicate the store's SQL search shares) over the model's
// roles, so a row moves in or out of the view when its enrichment result arrives.
class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using ValidityFilter = EventFilter::Validity;

    explicit EventFilterProxy(QObject *parent = nullptr);

    // No filter: every row shows.
    void clearMatches();
    // Only these ids show (replaces the set).
    void setMatches(const QSet<qint64> &ids);
    // Adds ids to an active set (a live event matched); no-op without a filter.
    void addMatches(const QList<qint64> &ids);
    // nullopt: every kind; an empty string: checked events of no known kind ("unknown").
    void setKindFilter(const std::optional<QString> &kind);
    // A vendor's kinds (the Kind filter's vendor entry); empty: no vendor filter. Combines with
    // the kind filter like every other filter.
    void setVendorKinds(const QStringList &kinds);
    [[nodiscard]] const QStringList &vendorKinds() const { return m_info.vendorKinds; }
    void setValidityFilter(ValidityFilter filter);
    // Only events whose translations lack a language some field of theirs has.
    void setMissingTranslationsOnly(bool only);
    [[nodiscard]] bool missingTranslationsOnly() const { return m_info.missingTranslationsOnly; }
    [[nodiscard]] std::optional<QString> kindFilter() const { return m_info.kind; }
    [[nodiscard]] ValidityFilter validityFilter() const { return m_info.validity; }
    // True while any of the filters hides rows.
    [[nodiscard]] bool isFiltering() const;
    [[nodiscard]] const EventFilter &infoFilter() const { return m_info; }

    // Store mode (issue 25): the source model reads its rows from the store, so the proxy
    // never asks every row for its data. The filters above only say what is wanted; the
    // store's answer (EventSearch, EventFilter's SQL) takes effect with setStoreMatches: the
    // ids `filter` matches among those up to `upToId`. Later ids (live events) are tested as
    // they come, and an enrichment result newer than the answer (EventTableModel::recentInfo)
    // moves its row in or out. Sorting by id is the source's own order; another column sorts
    // by the store's order of it (setStoreOrder: the ids in ascending order of the column).
    void setStoreBacked(bool on);
    [[nodiscard]] bool isStoreBacked() const { return m_storeBacked; }
    void setStoreMatches(const EventFilter &filter, const QSet<qint64> &ids, qint64 upToId);
    void setStoreOrder(int column, const QList<qint64> &ids);
    [[nodiscard]] bool hasStoreOrder(int column) const { return m_rankColumn == column && !m_rank.isEmpty(); }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    [[nodiscard]] bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    [[nodiscard]] bool storeAccepts(int sourceRow) const;
    void sourceRowsRemoved(const QModelIndex &parent, int first, int last);
    void applySort();

    bool m_storeBacked = false;
    EventFilter m_applied; // the filter whose answer m_matches holds (store mode)
    qint64 m_upToId = 0; // the newest id the answer covers
    QList<int> m_rank; // source row → place in the store's order of m_rankColumn
    int m_rankColumn = -1;
    int m_wantedColumn = 0;
    Qt::SortOrder m_wantedOrder = Qt::AscendingOrder;
    QSet<qint64> m_matches;
    bool m_textFiltering = false;
    EventFilter m_info; // kind, vendor, validity, translations; its needle stays empty
};

} // namespace hookscope
