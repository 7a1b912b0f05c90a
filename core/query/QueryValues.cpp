#include "QueryValues.h"

#include "event/EventInfo.h"
#include "event/SignatureStatus.h"
#include "schema/BoundedRegex.h"

#include <QDateTime>
#include <QRegularExpression>

namespace hookscope {

namespace {

std::optional<qint64> integerOf(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

// "2048", "16k", "2MB" (1024-based): bytes.
std::optional<qint64> sizeOf(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,12})\\s*(b|k|kb|kib|m|mb|mib)?$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QString unit = m.captured(2).toLower();
    const qint64 scale = unit.startsWith(u'k') ? 1024 : unit.startsWith(u'm') ? 1024 * 1024 : 1;
    return m.captured(1).toLongLong() * scale;
}

// "2026-12-07T09:00", "2026-12-07 09:00:30", "2026-12-07", with an optional Z or offset
// (local time without one): ms since the epoch.
std::optional<qint64> timestampOf(const QString &text)
{
    QString t = text;
    t.replace(u' ', u'T');
    for (const Qt::DateFormat format : {Qt::ISODateWithMs, Qt::ISODate}) {
        QDateTime at = QDateTime::fromString(t, format);
        if (at.isValid())
            return at.toMSecsSinceEpoch();
    }
    const QDate day = QDate::fromString(t, Qt::ISODate);
    if (day.isValid())
        return QDateTime(day, QTime(0, 0)).toMSecsSinceEpoch();
    return std::nullopt;
}

bool choice(QueryNode &term, const QString &literal, const QList<std::pair<const char *, int>> &choices,
            QString *why, const char *field)
{
    QStringList names;
    for (const auto &[name, value] : choices) {
        if (literal.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
            term.value.type = QueryValue::Type::Integer;
            term.value.integer = value;
            return true;
        }
        names.append(QLatin1String(name));
    }
    *why = QStringLiteral("expected one of %1 for %2, got '%3'").arg(names.join(QStringLiteral(", ")),
                                                                     QLatin1String(field), literal);
    return false;
}

} // namespace

std::optional<qint64> QueryValues::durationUs(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([+-]?)(\\d{1,12}(?:\\.\\d{1,6})?)(us|µs|ms|s|m|h|d)?$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QString unit = m.captured(3).toLower();
    double scale = 1000; // ms
    if (unit == QLatin1String("us") || unit == QStringLiteral("µs"))
        scale = 1;
    else if (unit == QLatin1String("s"))
        scale = 1e6;
    else if (unit == QLatin1String("m"))
        scale = 60e6;
    else if (unit == QLatin1String("h"))
        scale = 3600e6;
    else if (unit == QLatin1String("d"))
        scale = 86400e6;
    const double us = m.captured(2).toDouble() * scale;
    return qint64(m.captured(1) == QLatin1String("-") ? -us : us);
}

std::optional<QList<BodyStep>> QueryValues::bodyPath(const QString &path, QString *why, int *offset)
{
    QList<BodyStep> steps;
    const auto bad = [&](int at, const QString &message) {
        *why = message;
        *offset = at;
        return std::nullopt;
    };
    if (path.isEmpty())
        return bad(0, QStringLiteral("expected a body path after 'body' (body.a.b or body/a/b)"));
    if (path.startsWith(u'/')) {
        // A JSON pointer: every segment after a '/'.
        int at = 1;
        for (const QString &raw : path.mid(1).split(u'/')) {
            QString key = raw;
            key.replace(QLatin1String("~1"), QLatin1String("/")).replace(QLatin1String("~0"), QLatin1String("~"));
            bool digits = false;
            const int index = key.toInt(&digits);
            if (key.isEmpty())
                return bad(at, QStringLiteral("expected a member name after '/'"));
            if (key.contains(u'"'))
                return bad(at, QStringLiteral("a member name with '\"' cannot be searched"));
            steps.append(digits && index >= 0 && !key.startsWith(u'+') ? BodyStep{QString(), index} : BodyStep{key, -1});
            at += int(raw.size()) + 1;
        }
        return steps;
    }
    // Dotted: .a.b[2].c
    int i = 0;
    const int n = int(path.size());
    while (i < n) {
        if (path.at(i) == u'.') {
            const int start = ++i;
            while (i < n && path.at(i) != u'.' && path.at(i) != u'[')
                ++i;
            const QString key = path.mid(start, i - start);
            if (key.isEmpty())
                return bad(start, QStringLiteral("expected a member name after '.'"));
            if (key.contains(u'"'))
                return bad(start, QStringLiteral("a member name with '\"' cannot be searched"));
            steps.append({key, -1});
        } else if (path.at(i) == u'[') {
            const int start = ++i;
            while (i < n && path.at(i).isDigit())
                ++i;
            if (i == start || i >= n || path.at(i) != u']' || i - start > 9)
                return bad(start, QStringLiteral("expected an array index and ']' after '['"));
            steps.append({QString(), path.mid(start, i - start).toInt()});
            ++i;
        } else {
            return bad(i, QStringLiteral("expected '.', '/' or '[' in a body path, got '%1'").arg(path.at(i)));
        }
    }
    return steps;
}

bool QueryValues::read(QueryNode &term, const QString &literal, bool quoted, const QueryContext &context, QString *why)
{
    QueryValue &value = term.value;
    if (term.op == QueryOp::Matches) {
        if (literal.size() > 1000) {
            *why = QStringLiteral("expected a regular expression of at most 1000 characters");
            return false;
        }
        QString error;
        auto regex = std::make_shared<BoundedRegex>(literal, &error);
        if (!regex->isValid()) {
            *why = QStringLiteral("expected a regular expression: %1").arg(error);
            return false;
        }
        term.regex = std::move(regex);
        value.type = QueryValue::Type::Text;
        value.text = literal.toUtf8();
        return true;
    }
    if (term.op == QueryOp::Contains) {
        if (literal.isEmpty()) {
            *why = QStringLiteral("expected some text after '~'");
            return false;
        }
        value.type = QueryValue::Type::Text;
        value.text = literal.toUtf8();
        return true;
    }
    switch (term.field) {
    case QueryField::Text:
    case QueryField::Kind:
    case QueryField::EventName:
    case QueryField::Method:
    case QueryField::Path:
    case QueryField::Answer:
    case QueryField::Header:
        value.type = QueryValue::Type::Text;
        value.text = literal.toUtf8();
        return true;
    case QueryField::Lang:
        if (literal.isEmpty() || literal.contains(QRegularExpression(QStringLiteral("\\s")))) {
            *why = QStringLiteral("expected one language code (en, nl, pt-BR), got '%1'").arg(literal);
            return false;
        }
        value.type = QueryValue::Type::Text;
        value.text = literal.toUtf8();
        return true;
    case QueryField::Vendor: {
        const QString vendor = literal.toLower();
        if (!context.vendorKinds.contains(vendor)) {
            QStringList known = context.vendorKinds.keys();
            known.sort();
            *why = known.isEmpty() ? QStringLiteral("unknown vendor '%1': no vendor packs are loaded").arg(literal)
                                   : QStringLiteral("unknown vendor '%1'; expected one of %2").arg(literal, known.join(QStringLiteral(", ")));
            return false;
        }
        term.kinds = context.vendorKinds.value(vendor);
        value.type = QueryValue::Type::Text;
        value.text = vendor.toUtf8();
        return true;
    }
    case QueryField::Status:
    case QueryField::ForwardStatus:
    case QueryField::Violations:
    case QueryField::Missing:
        if (const std::optional<qint64> n = integerOf(literal)) {
            value.type = QueryValue::Type::Integer;
            value.integer = *n;
            return true;
        }
        *why = QStringLiteral("expected a whole number, got '%1'").arg(literal);
        return false;
    case QueryField::Size:
        if (const std::optional<qint64> n = sizeOf(literal)) {
            value.type = QueryValue::Type::Integer;
            value.integer = *n;
            return true;
        }
        *why = QStringLiteral("expected a size (2048, 16k, 2MB), got '%1'").arg(literal);
        return false;
    case QueryField::Latency:
        if (const std::optional<qint64> us = durationUs(literal); us && *us >= 0) {
            value.type = QueryValue::Type::Integer;
            value.integer = *us;
            return true;
        }
        *why = QStringLiteral("expected a duration (250ms, 8s, 2m; a bare number is ms), got '%1'").arg(literal);
        return false;
    case QueryField::Time:
        if (literal.startsWith(u'-') || literal.startsWith(u'+')) {
            if (const std::optional<qint64> us = durationUs(literal)) {
                value.type = QueryValue::Type::Integer;
                value.integer = context.nowMs + *us / 1000;
                return true;
            }
        } else if (const std::optional<qint64> ms = timestampOf(literal)) {
            value.type = QueryValue::Type::Integer;
            value.integer = *ms;
            return true;
        }
        *why = QStringLiteral("expected a time (-15m, -2h, 2026-12-07T09:00), got '%1'").arg(literal);
        return false;
    case QueryField::Valid: {
        using V = EventInfo::Validity;
        return choice(term, literal,
                      {{"true", int(V::Valid)}, {"false", int(V::Invalid)}, {"unknown", int(V::Unknown)},
                       {"notjson", int(V::NotJson)}, {"unchecked", int(V::NotChecked)}, {"failed", int(V::NotInspectable)}},
                      why, "valid");
    }
    case QueryField::Signature: {
        using S = SignatureStatus;
        return choice(term, literal,
                      {{"valid", int(S::Valid)}, {"invalid", int(S::Invalid)}, {"replayed", int(S::Replayed)},
                       {"none", int(S::NotChecked)}},
                      why, "signature");
    }
    case QueryField::Body:
        if (quoted) {
            value.type = QueryValue::Type::Text;
            value.text = literal.toUtf8();
        } else if (literal == QLatin1String("true") || literal == QLatin1String("false")) {
            value.type = QueryValue::Type::Bool;
            value.boolean = literal == QLatin1String("true");
        } else if (literal == QLatin1String("null")) {
            value.type = QueryValue::Type::Null;
        } else if (const std::optional<qint64> n = integerOf(literal)) {
            value.type = QueryValue::Type::Integer;
            value.integer = *n;
        } else if (bool ok = false; (void(value.real = literal.toDouble(&ok)), ok) && qIsFinite(value.real)) {
            value.type = QueryValue::Type::Real;
        } else {
            value.type = QueryValue::Type::Text;
            value.text = literal.toUtf8();
        }
        if ((value.type == QueryValue::Type::Bool || value.type == QueryValue::Type::Null)
            && term.op != QueryOp::Eq && term.op != QueryOp::Ne) {
            *why = QStringLiteral("expected = or != with %1").arg(literal);
            return false;
        }
        return true;
    }
    return false;
}

} // namespace hookscope
