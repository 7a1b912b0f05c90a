#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace hookscope {

class BoundedRegex;

// The fields a query may name (docs/QUERY.md). Each has a stored column (QuerySql) and an
// in-memory reading (QueryEvaluator); Text is a plain word: EventFilter's "contains".
enum class QueryField {
    Text, Kind, Vendor, EventName, Method, Path, Status, Answer, ForwardStatus, Valid, Violations, Signature,
    Lang, Missing, Time, Size, Latency, Header, Body
};

enum class QueryOp { Eq, Ne, Lt, Le, Gt, Ge, Contains, Matches, Exists };

// A literal as the parser typed it for its field. Numbers are integers (times in ms since the
// epoch, latencies in µs, sizes in bytes) except body numbers, which may be fractional.
struct QueryValue
{
    enum class Type { None, Text, Integer, Real, Bool, Null };
    Type type = Type::None;
    QByteArray text; // UTF-8, as compared (Text)
    qint64 integer = 0;
    double real = 0;
    bool boolean = false;
};

// One step of a body path: a member name or an array index.
struct BodyStep
{
    QString key;
    int index = -1; // >= 0: an array index
};

struct QueryNode
{
    enum class Type { And, Or, Not, Term };
    Type type = Type::Term;
    std::vector<std::unique_ptr<QueryNode>> children; // And, Or: two or more; Not: one

    // Term
    QueryField field = QueryField::Text;
    QueryOp op = QueryOp::Contains;
    QueryValue value;
    QByteArray headerName; // Header
    QList<BodyStep> bodyPath; // Body
    QStringList kinds; // Vendor: the vendor's kinds
    std::shared_ptr<const BoundedRegex> regex; // Matches
    int column = 0; // 1-based, where the term starts
};

} // namespace hookscope
