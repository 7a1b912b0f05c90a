#include "QuerySql.h"

#include "store/EventFilter.h"
#include "store/EventRows.h"

#include <QRegularExpression>

namespace hookscope {

namespace {

constexpr int kNotChecked = int(EventInfo::Validity::NotChecked);

class Compiler final
{
public:
    QVariantMap m_binds;

    QString node(const QueryNode &n)
    {
        switch (n.type) {
        case QueryNode::Type::And:
        case QueryNode::Type::Or: {
            QStringList parts;
            for (const auto &child : n.children)
                parts.append(node(*child));
            return QLatin1Char('(') + parts.join(n.type == QueryNode::Type::And ? QStringLiteral(" AND ") : QStringLiteral(" OR "))
                + QLatin1Char(')');
        }
        case QueryNode::Type::Not:
            return QStringLiteral("(NOT %1)").arg(node(*n.children.front()));
        case QueryNode::Type::Term:
            return QStringLiteral("(CASE WHEN %1 THEN 1 ELSE 0 END)").arg(term(n));
        }
        return QStringLiteral("0");
    }

private:
    QString bind(const QVariant &value)
    {
        const QString name = QStringLiteral(":qry_%1").arg(m_binds.size());
        m_binds.insert(name, value);
        return name;
    }

    QString literal(const QueryValue &v)
    {
        switch (v.type) {
        case QueryValue::Type::Text: return bind(QString::fromUtf8(v.text));
        case QueryValue::Type::Integer: return bind(v.integer);
        case QueryValue::Type::Real: return bind(v.real);
        default: return QStringLiteral("NULL");
        }
    }

    static QString sqlOp(QueryOp op)
    {
        switch (op) {
        case QueryOp::Eq: return QStringLiteral("=");
        case QueryOp::Ne: return QStringLiteral("!=");
        case QueryOp::Lt: return QStringLiteral("<");
        case QueryOp::Le: return QStringLiteral("<=");
        case QueryOp::Gt: return QStringLiteral(">");
        case QueryOp::Ge: return QStringLiteral(">=");
        default: return QStringLiteral("=");
        }
    }

    // A scalar column `value` (NULL when absent) against the term's operator; != is "not =".
    QString compare(const QueryNode &n, const QString &value)
    {
        switch (n.op) {
        case QueryOp::Exists:
            return QStringLiteral("%1 IS NOT NULL").arg(value);
        case QueryOp::Ne: {
            QueryNode eq;
            eq.op = QueryOp::Eq;
            eq.value = n.value;
            return QStringLiteral("NOT coalesce(%1, 0)").arg(compare(eq, value));
        }
        case QueryOp::Contains:
            return QStringLiteral("(typeof(%1) = 'text' AND instr(lower(%1), lower(%2)) > 0)").arg(value, literal(n.value));
        case QueryOp::Matches:
            return QStringLiteral("(typeof(%1) = 'text' AND hs_regexp(%2, %1))").arg(value, literal(n.value));
        default:
            break;
        }
        // Types must agree, as in memory: SQLite would order any text after any number.
        const QString type = n.value.type == QueryValue::Type::Text ? QStringLiteral("'text'") : QStringLiteral("'integer'");
        return QStringLiteral("(typeof(%1) = %2 AND %1 %3 %4)").arg(value, type, sqlOp(n.op), literal(n.value));
    }

    QString term(const QueryNode &n)
    {
        const QString checked = QStringLiteral("(i.validity IS NOT NULL AND i.validity != %1)").arg(kNotChecked);
        switch (n.field) {
        case QueryField::Text: {
            // EventFilter's own text predicate (raw bodies) and the same test over bodies
            // stored compressed, inflated on the connection.
            const FilterSql hit = EventFilter::forText(QString::fromUtf8(n.value.text)).sqlTextHit();
            QString expression = hit.expression;
            QString needle;
            // Its binds get names of this query (two words must not share one).
            QStringList names = hit.binds.keys();
            std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
            for (const QString &name : names) {
                const QString mine = bind(hit.binds.value(name));
                expression.replace(QRegularExpression(QRegularExpression::escape(name) + QStringLiteral("\\b")), mine);
                needle = mine;
            }
            return QStringLiteral("(%1 OR (e.body_encoding = %2 AND instr(lower(CAST(hs_inflate(e.body) AS TEXT)), %3) > 0) "
                                  "OR (e.decoded_encoding = %2 AND instr(lower(CAST(hs_inflate(e.decoded_body) AS TEXT)), %3) > 0))")
                .arg(expression)
                .arg(int(Zlib))
                .arg(needle);
        }
        case QueryField::Kind:
            return compare(n, QStringLiteral("(CASE WHEN %1 THEN nullif(coalesce(i.kind, ''), '') END)").arg(checked));
        case QueryField::Vendor: {
            QStringList kinds;
            for (const QString &kind : n.kinds)
                kinds.append(bind(kind));
            const QString in = kinds.isEmpty()
                ? QStringLiteral("0")
                : QStringLiteral("(%1 AND coalesce(i.kind, '') IN (%2))").arg(checked, kinds.join(QStringLiteral(", ")));
            return n.op == QueryOp::Ne ? QStringLiteral("NOT %1").arg(in) : in;
        }
        case QueryField::EventName:
            return compare(n, QStringLiteral("nullif(i.event_name, '')"));
        case QueryField::Method:
            return compare(n, QStringLiteral("CAST(e.method AS TEXT)"));
        case QueryField::Path:
            return compare(n, QStringLiteral("CAST(CASE WHEN instr(e.target, X'3F') > 0 THEN substr(e.target, 1, instr(e.target, X'3F') - 1) "
                                             "ELSE e.target END AS TEXT)"));
        case QueryField::Status:
            return compare(n, QStringLiteral("coalesce(a.status, e.response_status)"));
        case QueryField::Answer:
            return compare(n, QStringLiteral("nullif(a.preset, '')"));
        case QueryField::ForwardStatus:
            return compare(n, QStringLiteral("(SELECT max(f.status, 0) FROM event_forward f WHERE f.id = e.id)"));
        case QueryField::Valid:
            return compare(n, infoValiditySql());
        case QueryField::Violations:
            if (n.op == QueryOp::Contains || n.op == QueryOp::Matches)
                return compare(n, QStringLiteral("CAST(coalesce(i.violations, '') AS TEXT)"));
            return compare(n, QStringLiteral("coalesce(i.violation_count, 0)"));
        case QueryField::Signature:
            return compare(n, QStringLiteral("coalesce(t.signature, 0)"));
        case QueryField::Lang:
            if (n.op == QueryOp::Eq || n.op == QueryOp::Ne) {
                const QString has = QStringLiteral("(instr(' ' || coalesce(i.languages, '') || ' ', ' ' || %1 || ' ') > 0)")
                                        .arg(literal(n.value));
                return n.op == QueryOp::Eq ? has : QStringLiteral("NOT ") + has;
            }
            return compare(n, QStringLiteral("CAST(coalesce(i.languages, '') AS TEXT)"));
        case QueryField::Missing:
            return compare(n, infoMissingTranslationsSql());
        case QueryField::Time:
            return compare(n, QStringLiteral("e.received_at"));
        case QueryField::Size:
            return compare(n, QStringLiteral("e.body_size"));
        case QueryField::Latency:
            return compare(n, QStringLiteral("(CASE WHEN coalesce(i.handling_us, e.handling_us) >= 0 "
                                             "THEN coalesce(i.handling_us, e.handling_us) END)"));
        case QueryField::Header:
            return compare(n, QStringLiteral("hs_header(e.headers, %1)").arg(bind(QString::fromUtf8(n.headerName))));
        case QueryField::Body:
            return body(n);
        }
        return QStringLiteral("0");
    }

    // json_valid() first: json_type() and json_extract() raise an error on text that is not JSON.
    QString body(const QueryNode &n)
    {
        const QString text = QStringLiteral("(CASE WHEN e.decoded_body IS NULL AND e.body_encoding = %1 THEN CAST(e.body AS TEXT) "
                                             "ELSE hs_body(e.body, e.body_encoding, e.decoded_body, e.decoded_encoding) END)")
                                 .arg(int(Raw));
        const QString path = bind(QuerySql::jsonPath(n.bodyPath));
        const QString type = QStringLiteral("json_type(b.t, %1)").arg(path);
        const QString value = QStringLiteral("json_extract(b.t, %1)").arg(path);
        QString test;
        if (n.op == QueryOp::Exists) {
            test = type + QStringLiteral(" IS NOT NULL");
        } else if (n.op == QueryOp::Ne) {
            QueryNode eq;
            eq.op = QueryOp::Eq;
            eq.field = QueryField::Body;
            eq.bodyPath = n.bodyPath;
            eq.value = n.value;
            return QStringLiteral("NOT %1").arg(body(eq));
        } else if (n.op == QueryOp::Contains) {
            test = QStringLiteral("%1 = 'text' AND instr(lower(%2), lower(%3)) > 0").arg(type, value, literal(n.value));
        } else if (n.op == QueryOp::Matches) {
            test = QStringLiteral("%1 = 'text' AND hs_regexp(%2, %3)").arg(type, literal(n.value), value);
        } else {
            switch (n.value.type) {
            case QueryValue::Type::Text:
                test = QStringLiteral("%1 = 'text' AND %2 %3 %4").arg(type, value, sqlOp(n.op), literal(n.value));
                break;
            case QueryValue::Type::Integer:
            case QueryValue::Type::Real:
                test = QStringLiteral("%1 IN ('integer', 'real') AND %2 %3 %4").arg(type, value, sqlOp(n.op), literal(n.value));
                break;
            case QueryValue::Type::Bool:
                test = QStringLiteral("%1 = '%2'").arg(type, n.value.boolean ? QStringLiteral("true") : QStringLiteral("false"));
                break;
            case QueryValue::Type::Null:
                test = type + QStringLiteral(" = 'null'");
                break;
            case QueryValue::Type::None:
                test = QStringLiteral("0");
                break;
            }
        }
        // The body's text computed once per term (a compressed one inflated once).
        // CASE, not AND: SQLite does not promise to test json_valid() first in an AND.
        return QStringLiteral("EXISTS (SELECT 1 FROM (SELECT %1 AS t) b WHERE CASE WHEN json_valid(b.t) THEN (%2) ELSE 0 END)")
            .arg(text, test);
    }
};

} // namespace

QString QuerySql::jsonPath(const QList<BodyStep> &path)
{
    QString out = QStringLiteral("$");
    for (const BodyStep &step : path) {
        if (step.index >= 0)
            out += QStringLiteral("[%1]").arg(step.index);
        else
            out += QStringLiteral(".\"%1\"").arg(step.key);
    }
    return out;
}

FilterSql QuerySql::compile(const QueryNode &root)
{
    Compiler compiler;
    FilterSql sql;
    sql.expression = compiler.node(root);
    sql.binds = compiler.m_binds;
    return sql;
}

} // namespace hookscope
