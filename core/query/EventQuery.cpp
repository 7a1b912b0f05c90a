#include "EventQuery.h"

#include "QueryEvaluator.h"
#include "QuerySql.h"
#include "QuerySqlFunctions.h"
#include "schema/KindCatalog.h"

#include <QDateTime>

namespace hookscope {

namespace {

bool later(const QueryNode &node)
{
    if (node.type != QueryNode::Type::Term)
        return std::any_of(node.children.begin(), node.children.end(), [](const auto &c) { return later(*c); });
    switch (node.field) {
    case QueryField::Text:
    case QueryField::Method:
    case QueryField::Path:
    case QueryField::Time:
    case QueryField::Size:
    case QueryField::Header:
    case QueryField::Body:
        return false; // known when the event is stored
    default:
        return true; // enrichment, trust, forwarding or an answer come later
    }
}

} // namespace

EventQuery::EventQuery(std::shared_ptr<const QueryNode> root)
    : m_root(std::move(root))
    , m_sql(QuerySql::compile(*m_root))
    , m_later(later(*m_root))
{
}

EventQuery::Result EventQuery::filterFor(const QString &text, const QueryContext &context)
{
    Result result;
    const ParsedQuery parsed = QueryParser::parse(text, context);
    if (parsed.plainText) {
        result.filter = EventFilter::forText(text);
        return result;
    }
    result.isQuery = true;
    if (!parsed.ok()) {
        result.error = parsed.error;
        return result;
    }
    result.filter.predicate = std::make_shared<EventQuery>(parsed.root);
    return result;
}

QueryContext EventQuery::contextFor(const std::shared_ptr<const KindCatalog> &catalog)
{
    QueryContext context;
    context.nowMs = QDateTime::currentMSecsSinceEpoch();
    if (!catalog)
        return context;
    for (const auto &kind : catalog->kinds()) {
        if (!kind->pack.isEmpty() && !context.vendorKinds.value(kind->pack.toLower()).contains(kind->id))
            context.vendorKinds[kind->pack.toLower()].append(kind->id);
    }
    return context;
}

bool EventQuery::matches(const Event &event, const EventInfo &info, int appStatus) const
{
    QueryEvaluator evaluator(event, info, appStatus);
    return evaluator.matches(*m_root);
}

FilterSql EventQuery::sql() const
{
    return m_sql;
}

bool EventQuery::prepare(QSqlDatabase &db) const
{
    return QuerySqlFunctions::registerOn(db);
}

} // namespace hookscope
