#pragma once

#include "QueryParser.h"

#include "store/EventFilter.h"

#include <memory>

namespace hookscope {

class KindCatalog;

// The filter box's text as an EventFilter: plain text stays EventFilter's "contains" needle
// (and its index, when the store has one); a query becomes the filter's predicate, the same
// object answering in SQL (QuerySql) and in memory (QueryEvaluator).
class EventQuery final : public EventPredicate
{
public:
    explicit EventQuery(std::shared_ptr<const QueryNode> root);

    struct Result
    {
        EventFilter filter;
        QueryError error; // empty message: none
        bool isQuery = false;
        [[nodiscard]] bool ok() const { return error.message.isEmpty(); }
    };
    // `text` trimmed by the caller; on an error the filter is empty.
    [[nodiscard]] static Result filterFor(const QString &text, const QueryContext &context);
    // Vendors and their kinds from a catalog (null: none), now as the reference time.
    [[nodiscard]] static QueryContext contextFor(const std::shared_ptr<const KindCatalog> &catalog);

    [[nodiscard]] bool matches(const Event &event, const EventInfo &info, int appStatus) const override;
    [[nodiscard]] FilterSql sql() const override;
    [[nodiscard]] bool prepare(QSqlDatabase &db) const override;
    [[nodiscard]] bool dependsOnLaterResults() const override { return m_later; }
    [[nodiscard]] const QueryNode &root() const { return *m_root; }

private:
    std::shared_ptr<const QueryNode> m_root;
    FilterSql m_sql; // compiled once
    bool m_later = false;
};

} // namespace hookscope
