#include "BoundedRegex.h"

#include "InspectionBudget.h"

namespace hookscope {

namespace {

// Length of the leading start-of-pattern items: (*UTF), (*LIMIT_MATCH=5), (*CRLF), …
qsizetype leadingOptionsLength(const QString &pattern)
{
    qsizetype at = 0;
    while (pattern.mid(at, 2) == QLatin1String("(*")) {
        qsizetype i = at + 2;
        while (i < pattern.size() && (pattern.at(i).isUpper() || pattern.at(i) == QLatin1Char('_')))
            ++i;
        if (i == at + 2)
            break; // (*: , (*positive_lookahead: … are verbs and assertions, not options
        if (i < pattern.size() && pattern.at(i) == QLatin1Char('=')) {
            ++i;
            while (i < pattern.size() && pattern.at(i).isDigit())
                ++i;
        }
        if (i >= pattern.size() || pattern.at(i) != QLatin1Char(')'))
            break;
        at = i + 1;
    }
    return at;
}

} // namespace

BoundedRegex::BoundedRegex(const QString &pattern, QString *error)
    : m_source(pattern)
{
    const qsizetype options = leadingOptionsLength(pattern);
    const QString limits = QStringLiteral("(*LIMIT_MATCH=%1)(*LIMIT_DEPTH=%2)").arg(kMatchLimit).arg(kDepthLimit);
    m_re.setPattern(pattern.left(options) + limits + pattern.mid(options));
    if (!m_re.isValid()) {
        qsizetype offset = m_re.patternErrorOffset();
        if (offset >= options + limits.size())
            offset -= limits.size();
        *error = QStringLiteral("%1 at offset %2").arg(m_re.errorString()).arg(offset);
        return;
    }
    m_re.optimize(); // compile and JIT now: the object is then only read, from any thread
}

BoundedRegex::Match BoundedRegex::match(const QString &subject) const
{
    InspectionBudget::checkNow();
    const QRegularExpressionMatch match = m_re.match(subject);
    if (match.hasMatch())
        return Match::Yes;
    // QRegularExpression answers an invalid match when PCRE2 returned an error: here a limit.
    return match.isValid() ? Match::No : Match::GaveUp;
}

} // namespace hookscope
