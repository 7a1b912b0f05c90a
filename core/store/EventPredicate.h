#pragma once

#include "event/Event.h"
#include "event/EventInfo.h"

#include <QString>
#include <QVariantMap>

class QSqlDatabase;

namespace hookscope {

// An SQL boolean over kEventJoins' aliases with its named binds.
struct FilterSql
{
    QString expression;
    QVariantMap binds; // ":name" → value
};

// A condition on events richer than EventFilter's own fields (core/query's EventQuery: the
// filter box's language). Declared here, below the query folder, so that EventFilter and the
// store's search run it without knowing its language: sql() in the store, matches() in memory,
// both the same predicate.
class EventPredicate
{
public:
    virtual ~EventPredicate() = default;

    // appStatus as EventFilter::matchesInfo takes it (0: not forwarded, -1: unreachable).
    [[nodiscard]] virtual bool matches(const Event &event, const EventInfo &info, int appStatus) const = 0;
    [[nodiscard]] virtual FilterSql sql() const = 0;
    // Registers the SQL functions sql() calls on this connection; false when it could not.
    [[nodiscard]] virtual bool prepare(QSqlDatabase &db) const = 0;
    // Whether the outcome may change after the event was stored (enrichment, forwarding, an
    // answer): the live path then tests it again when those results arrive.
    [[nodiscard]] virtual bool dependsOnLaterResults() const = 0;
};

} // namespace hookscope
