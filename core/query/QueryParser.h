#pragma once

#include "QueryAst.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>

namespace hookscope {

// Where a query went wrong: the 1-based column and what was expected there.
struct QueryError
{
    int column = 0;
    QString message;
    [[nodiscard]] QString toString() const { return QStringLiteral("column %1: %2").arg(column).arg(message); }
};

// What a query's literals are resolved against when it is parsed: relative times (time > -15m)
// count from nowMs, a vendor names the kinds of its pack.
struct QueryContext
{
    qint64 nowMs = 0;
    QHash<QString, QStringList> vendorKinds; // pack id → its kind ids
};

// A parsed query: plain text (no field and operator anywhere: "contains", as the filter box
// always meant), a tree, or an error.
struct ParsedQuery
{
    bool plainText = false;
    std::shared_ptr<const QueryNode> root; // immutable once parsed: shared across threads
    QueryError error;
    [[nodiscard]] bool ok() const { return error.message.isEmpty(); }
};

// Parses the filter box's language (docs/QUERY.md):
//   query   := or ;  or := and ("or" and)* ;  and := unary ("and" unary)* ;
//   unary   := "not" unary | "(" query ")" | term ;
//   term    := FIELD OP value | FIELD "exists" | FIELD "matches" value | WORD | "STRING"
// "not" binds tighter than "and", "and" tighter than "or". A bare word or string is a
// "contains" term of its own. Keywords and field names ignore case.
class QueryParser final
{
public:
    QueryParser() = delete;

    // True when some known field is followed by an operator (status >= 500, body.x exists):
    // only then is the text a query; "a=b" or "jane doe" stay plain text.
    [[nodiscard]] static bool looksLikeQuery(const QString &text);
    [[nodiscard]] static ParsedQuery parse(const QString &text, const QueryContext &context);

    // Field names for completion ("kind", "forward.status", "header.", "body.").
    [[nodiscard]] static QStringList fieldNames();
};

} // namespace hookscope
