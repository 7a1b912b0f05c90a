#pragma once

#include <QJsonValue>
#include <QStringList>

namespace hookscope::test {

// One RFC 6902 add / replace / remove at the path `tokens` (a JSON Pointer's reference tokens,
// unescaped), enough for the mutation tables of the schema and classifier tests.
[[nodiscard]] QJsonValue applyOp(const QJsonValue &node, QStringList tokens, const QString &op, const QJsonValue &value);
// The reference tokens of a JSON Pointer ("/a/b~1c" → a, b/c).
[[nodiscard]] QStringList pointerTokens(const QString &pointer);

} // namespace hookscope::test
