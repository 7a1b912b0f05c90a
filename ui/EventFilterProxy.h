#pragma once

#include <QSet>
#include <QSortFilterProxyModel>
#include <optional>

namespace hookscope {

// Sorts the event table by its SortKeyRole and hides rows outside the current match set,
// the chosen kind and the chosen validity (all three combine). The text matching itself
// happens elsewhere (EventSearch in SQL, EventSearch::matches for live events): bodies
// never come into memory here. Kind and validity come from the model's roles, so a row
// moves in or out of the view when its enrichment result arrives.
class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    // AppFailed: forwarded, and the local app answered 4xx/5xx or could not be reached.
    enum class ValidityFilter { All, Valid, Invalid, NotChecked, NotJson, AppFailed };

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
    [[nodiscard]] const QStringList &vendorKinds() const { return m_vendorKinds; }
    void setValidityFilter(ValidityFilter filter);
    // Only events whose translations lack a language some field of theirs has.
    void setMissingTranslationsOnly(bool only);
    [[nodiscard]] bool missingTranslationsOnly() const { return m_missingTranslationsOnly; }
    [[nodiscard]] std::optional<QString> kindFilter() const { return m_kind; }
    [[nodiscard]] ValidityFilter validityFilter() const { return m_validity; }
    // True while any of the filters hides rows.
    [[nodiscard]] bool isFiltering() const;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<qint64> m_matches;
    bool m_textFiltering = false;
    std::optional<QString> m_kind;
    QStringList m_vendorKinds;
    ValidityFilter m_validity = ValidityFilter::All;
    bool m_missingTranslationsOnly = false;
};

} // namespace hookscope
