#pragma once

#include "QueryAst.h"
#include "QueryParser.h"

#include <optional>

namespace hookscope {

// Reading a term's literal for its field, and a body path.
class QueryValues final
{
public:
    QueryValues() = delete;

    // ".a.b[0]", "/a/b/0" (JSON pointer, ~0 ~1 escapes; a segment of digits is an array index)
    // or "[0].a". nullopt with *why and *offset (into `path`) when it is not a path.
    [[nodiscard]] static std::optional<QList<BodyStep>> bodyPath(const QString &path, QString *why, int *offset);
    // Fills term.value (and term.kinds, term.regex) from the literal; false with *why.
    [[nodiscard]] static bool read(QueryNode &term, const QString &literal, bool quoted, const QueryContext &context,
                                   QString *why);
    // "-15m", "2h", "250ms", "8s", "1d": µs; nullopt when it is no duration. A bare number is ms.
    [[nodiscard]] static std::optional<qint64> durationUs(const QString &text);
};

} // namespace hookscope
