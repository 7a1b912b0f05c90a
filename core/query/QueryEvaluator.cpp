#include "QueryEvaluator.h"

#include "QueryJson.h"
#include "schema/BoundedRegex.h"
#include "store/EventFilter.h"

#include <QString>

#include <optional>

namespace hookscope {

namespace {

// A field's value as its SQL column yields it: absent (NULL), text or a number.
struct Scalar
{
    enum class Type { Absent, Text, Integer };
    Type type = Type::Absent;
    QByteArray text;
    qint64 integer = 0;
};

Scalar textScalar(const QByteArray &t)
{
    return {Scalar::Type::Text, t, 0};
}
Scalar textOrAbsent(const QByteArray &t)
{
    return t.isEmpty() ? Scalar{} : textScalar(t);
}
Scalar integer(qint64 n)
{
    return {Scalar::Type::Integer, {}, n};
}

template <typename T>
bool ordered(QueryOp op, const T &a, const T &b)
{
    switch (op) {
    case QueryOp::Eq: return a == b;
    case QueryOp::Ne: return a != b;
    case QueryOp::Lt: return a < b;
    case QueryOp::Le: return a <= b;
    case QueryOp::Gt: return a > b;
    case QueryOp::Ge: return a >= b;
    default: return false;
    }
}

// = != < … ~ matches exists of a scalar field. != is "not =": an absent value differs.
bool compare(const QueryNode &node, const Scalar &value)
{
    if (node.op == QueryOp::Exists)
        return value.type != Scalar::Type::Absent;
    if (node.op == QueryOp::Ne) {
        QueryNode eq;
        eq.op = QueryOp::Eq;
        eq.value = node.value;
        return !compare(eq, value);
    }
    if (node.op == QueryOp::Contains)
        return value.type == Scalar::Type::Text && QueryEvaluator::containsFolded(value.text, node.value.text);
    if (node.op == QueryOp::Matches)
        return value.type == Scalar::Type::Text && node.regex && QueryEvaluator::regexMatches(*node.regex, value.text);
    if (value.type == Scalar::Type::Text && node.value.type == QueryValue::Type::Text)
        return ordered(node.op, value.text, node.value.text); // byte order, as SQLite's BINARY
    if (value.type == Scalar::Type::Integer && node.value.type == QueryValue::Type::Integer)
        return ordered(node.op, value.integer, node.value.integer);
    return false;
}

} // namespace

struct QueryEvaluator::Body
{
    std::optional<QueryJson> json; // nullopt: not JSON (SQLite's json_valid() is 0)
};

QueryEvaluator::QueryEvaluator(const Event &event, const EventInfo &info, int appStatus)
    : m_event(event)
    , m_info(info)
    , m_appStatus(appStatus)
{
}

QueryEvaluator::~QueryEvaluator() = default;

bool QueryEvaluator::regexMatches(const BoundedRegex &regex, const QByteArray &text)
{
    return regex.match(QString::fromUtf8(text.left(kMaxRegexBytes))) == BoundedRegex::Match::Yes;
}

bool QueryEvaluator::containsFolded(const QByteArray &text, const QByteArray &needle)
{
    return text.toLower().contains(needle.toLower());
}

QByteArray QueryEvaluator::pathOf(const QByteArray &target)
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

bool QueryEvaluator::matches(const QueryNode &node)
{
    switch (node.type) {
    case QueryNode::Type::And:
        for (const auto &child : node.children) {
            if (!matches(*child))
                return false;
        }
        return true;
    case QueryNode::Type::Or:
        for (const auto &child : node.children) {
            if (matches(*child))
                return true;
        }
        return false;
    case QueryNode::Type::Not:
        return !matches(*node.children.front());
    case QueryNode::Type::Term:
        return term(node);
    }
    return false;
}

bool QueryEvaluator::term(const QueryNode &node)
{
    const bool checked = m_info.validity != EventInfo::Validity::NotChecked;
    switch (node.field) {
    case QueryField::Text: {
        EventFilter filter;
        filter.needle = EventFilter::needleFor(QString::fromUtf8(node.value.text));
        return filter.matchesText(m_event);
    }
    case QueryField::Kind:
        return compare(node, checked ? textOrAbsent(m_info.kind.toUtf8()) : Scalar{});
    case QueryField::Vendor: {
        const bool in = checked && !m_info.kind.isEmpty() && node.kinds.contains(m_info.kind);
        return node.op == QueryOp::Ne ? !in : in;
    }
    case QueryField::EventName:
        return compare(node, textOrAbsent(m_info.eventName.toUtf8()));
    case QueryField::Method:
        return compare(node, textScalar(m_event.method));
    case QueryField::Path:
        return compare(node, textScalar(pathOf(m_event.target)));
    case QueryField::Status:
        return compare(node, integer(m_event.response.status));
    case QueryField::Answer:
        return compare(node, textOrAbsent(m_event.answerPreset.toUtf8()));
    case QueryField::ForwardStatus:
        return compare(node, m_appStatus == 0 ? Scalar{} : integer(std::max(m_appStatus, 0)));
    case QueryField::Valid:
        return compare(node, integer(int(m_info.validity)));
    case QueryField::Violations:
        if (node.op == QueryOp::Contains || node.op == QueryOp::Matches)
            return compare(node, textScalar(m_info.violationsJson));
        return compare(node, integer(m_info.violationCount));
    case QueryField::Signature:
        return compare(node, integer(int(m_info.signature)));
    case QueryField::Lang:
        if (node.op == QueryOp::Eq || node.op == QueryOp::Ne) {
            const bool has = m_info.languages.split(u' ', Qt::SkipEmptyParts).contains(QString::fromUtf8(node.value.text));
            return node.op == QueryOp::Eq ? has : !has;
        }
        return compare(node, textScalar(m_info.languages.toUtf8()));
    case QueryField::Missing:
        return compare(node, integer(m_info.missingTranslations));
    case QueryField::Time:
        return compare(node, integer(m_event.receivedAtMs));
    case QueryField::Size:
        return compare(node, integer(m_event.body.size()));
    case QueryField::Latency:
        return compare(node, m_event.handlingUs >= 0 ? integer(m_event.handlingUs) : Scalar{});
    case QueryField::Header:
        for (const auto &[name, value] : m_event.headers) {
            if (name.compare(node.headerName, Qt::CaseInsensitive) == 0)
                return compare(node, textScalar(value));
        }
        return compare(node, Scalar{});
    case QueryField::Body:
        return bodyTerm(node);
    }
    return false;
}

bool QueryEvaluator::bodyTerm(const QueryNode &node)
{
    if (!m_body) {
        m_body = std::make_unique<Body>();
        m_body->json = QueryJson::parse(m_event.displayBody());
    }
    const QueryJson::Found found = m_body->json ? m_body->json->find(node.bodyPath) : QueryJson::Found{};
    using T = QueryJson::Found::Type;
    using V = QueryValue::Type;
    if (node.op == QueryOp::Exists)
        return found.type != T::Absent;
    if (node.op == QueryOp::Ne) {
        QueryNode eq;
        eq.op = QueryOp::Eq;
        eq.field = QueryField::Body;
        eq.bodyPath = node.bodyPath;
        eq.value = node.value;
        return !bodyTerm(eq);
    }
    if (node.op == QueryOp::Contains || node.op == QueryOp::Matches)
        return found.type == T::Text && compare(node, textScalar(found.text));
    switch (node.value.type) {
    case V::Text:
        return found.type == T::Text && ordered(node.op, found.text, node.value.text);
    case V::Integer:
    case V::Real: {
        if (found.type != T::Integer && found.type != T::Real)
            return false;
        if (found.type == T::Integer && node.value.type == V::Integer)
            return ordered(node.op, found.integer, node.value.integer);
        const double a = found.type == T::Integer ? double(found.integer) : found.real;
        const double b = node.value.type == V::Integer ? double(node.value.integer) : node.value.real;
        return ordered(node.op, a, b);
    }
    case V::Bool:
        return found.type == (node.value.boolean ? T::True : T::False);
    case V::Null:
        return found.type == T::Null;
    case V::None:
        break;
    }
    return false;
}

} // namespace hookscope
