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

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<qint64> m_matches;
    bool m_textFiltering = false;
    EventFilter m_info; // kind, vendor, validity, translations; its needle stays empty
};

} // namespace hookscope
