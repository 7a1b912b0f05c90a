#pragma once

#include <QList>
#include <QString>

namespace hookscope {

// One token of a query. Columns are 1-based and count UTF-16 code units of the typed text.
struct QueryToken
{
    enum class Type { Word, String, Op, LParen, RParen, End, Error };
    Type type = Type::End;
    QString text; // Word, Op: as typed; String: unescaped; Error: what went wrong
    int column = 0;
};

// Splits a query into words, quoted strings ("…" with \" and \\), the operators
// = != < <= > >= ~ and parentheses. Anything else that is not space belongs to a word, so
// -15m, 2026-12-07T09:00, body/data/status and header.X-Signature are single words (and
// body/a~1b keeps its pointer escapes).
class QueryLexer final
{
public:
    QueryLexer() = delete;
    // Ends with an End token, or an Error token (an unterminated string, a lone '!').
    [[nodiscard]] static QList<QueryToken> tokenize(const QString &text);
};

} // namespace hookscope
