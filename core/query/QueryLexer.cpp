#include "QueryLexer.h"

namespace hookscope {

namespace {

bool endsWord(QChar c)
{
    return c.isSpace() || c == u'(' || c == u')' || c == u'"' || c == u'=' || c == u'!' || c == u'<' || c == u'>'
        || c == u'~';
}

} // namespace

QList<QueryToken> QueryLexer::tokenize(const QString &text)
{
    QList<QueryToken> out;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (true) {
        while (i < n && text.at(i).isSpace())
            ++i;
        const int column = int(i) + 1;
        if (i >= n) {
            out.append({QueryToken::Type::End, {}, column});
            return out;
        }
        const QChar c = text.at(i);
        if (c == u'(' || c == u')') {
            out.append({c == u'(' ? QueryToken::Type::LParen : QueryToken::Type::RParen, QString(c), column});
            ++i;
        } else if (c == u'"') {
            QString value;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = text.at(i++);
                if (d == u'"') {
                    closed = true;
                    break;
                }
                if (d == u'\\' && i < n)
                    value += text.at(i++);
                else
                    value += d;
            }
            if (!closed) {
                out.append({QueryToken::Type::Error, QStringLiteral("unterminated string: expected a closing '\"'"),
                            column});
                return out;
            }
            out.append({QueryToken::Type::String, value, column});
        } else if (c == u'=' || c == u'~') {
            out.append({QueryToken::Type::Op, QString(c), column});
            ++i;
        } else if (c == u'<' || c == u'>' || c == u'!') {
            const bool withEq = i + 1 < n && text.at(i + 1) == u'=';
            if (c == u'!' && !withEq) {
                out.append({QueryToken::Type::Error, QStringLiteral("expected '!=' (use 'not' to negate)"), column});
                return out;
            }
            out.append({QueryToken::Type::Op, text.mid(i, withEq ? 2 : 1), column});
            i += withEq ? 2 : 1;
        } else {
            const qsizetype start = i;
            while (i < n) {
                // ~0 and ~1 are a JSON pointer's escapes inside body/…, not the contains operator.
                if (text.at(i) == u'~' && i + 1 < n && (text.at(i + 1) == u'0' || text.at(i + 1) == u'1')
                    && text.mid(start, 5).compare(QLatin1String("body/"), Qt::CaseInsensitive) == 0) {
                    i += 2;
                    continue;
                }
                if (endsWord(text.at(i)))
                    break;
                ++i;
            }
            out.append({QueryToken::Type::Word, text.mid(start, i - start), column});
        }
    }
}

} // namespace hookscope
