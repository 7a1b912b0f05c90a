#include "TimelineQuery.h"

#include "query/QueryParser.h"

#include <QDateTime>
#include <QRegularExpression>

namespace hookscope {

namespace {
// The timeline's own terms, at the front of the text, and the "and" that joins the rest.
const QRegularExpression &rangeTerms()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*time\s*>=\s*(\S+)\s+and\s+time\s*<=\s*(\S+)(?:\s+and\s+|\s*$))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

std::optional<qint64> parseLiteral(const QString &literal)
{
    for (const Qt::DateFormat format : {Qt::ISODateWithMs, Qt::ISODate}) {
        const QDateTime at = QDateTime::fromString(literal, format);
        if (at.isValid())
            return at.toMSecsSinceEpoch();
    }
    return std::nullopt;
}

// Whether `text` is one parenthesised group: "(a or b)" yes, "(a) or (b)" no.
bool isOneGroup(const QString &text)
{
    if (!text.startsWith(QLatin1Char('(')) || !text.endsWith(QLatin1Char(')')))
        return false;
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && c == QLatin1Char('('))
            ++depth;
        else if (!quoted && c == QLatin1Char(')') && --depth == 0 && i != text.size() - 1)
            return false;
    }
    return true;
}

// Whether `text` is one "quoted" string (escapes inside kept as typed).
bool isOneQuoted(const QString &text)
{
    if (text.size() < 2 || !text.startsWith(QLatin1Char('"')) || !text.endsWith(QLatin1Char('"')))
        return false;
    for (qsizetype i = 1; i < text.size() - 1; ++i) {
        if (text.at(i) == QLatin1Char('\\'))
            ++i;
        else if (text.at(i) == QLatin1Char('"'))
            return false;
    }
    return true;
}

// The rest of the text as one term of an `and`: plain text becomes a quoted "contains" term
// (its meaning without a query), a query with an `or` is grouped.
QString asTerm(const QString &rest)
{
    if (isOneQuoted(rest))
        return rest;
    if (!QueryParser::looksLikeQuery(rest)) {
        QString quoted = rest;
        quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    static const QRegularExpression orWord(QStringLiteral(R"(\bor\b)"), QRegularExpression::CaseInsensitiveOption);
    if (rest.contains(orWord) && !isOneGroup(rest))
        return QLatin1Char('(') + rest + QLatin1Char(')');
    return rest;
}
} // namespace

QString TimelineQuery::literal(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms);
    return at.toString(ms % 1000 == 0 ? QStringLiteral("yyyy-MM-ddTHH:mm:ss") : QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
}

QString TimelineQuery::withRange(const QString &text, Range range)
{
    const QString terms = QStringLiteral("time >= %1 and time <= %2").arg(literal(range.fromMs), literal(range.toMs));
    const QString rest = withoutRange(text);
    return rest.isEmpty() ? terms : terms + QStringLiteral(" and ") + asTerm(rest);
}

QString TimelineQuery::withoutRange(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QRegularExpressionMatch match = rangeTerms().match(trimmed);
    if (!match.hasMatch() || !parseLiteral(match.captured(1)) || !parseLiteral(match.captured(2)))
        return trimmed;
    return trimmed.mid(match.capturedEnd()).trimmed();
}

std::optional<TimelineQuery::Range> TimelineQuery::rangeIn(const QString &text)
{
    const QRegularExpressionMatch match = rangeTerms().match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const std::optional<qint64> from = parseLiteral(match.captured(1));
    const std::optional<qint64> to = parseLiteral(match.captured(2));
    if (!from || !to)
        return std::nullopt;
    return Range{.fromMs = *from, .toMs = *to};
}

} // namespace hookscope
