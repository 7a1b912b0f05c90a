#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope {

// A byte range [begin, end) of one JSON value inside a document.
struct JsonSpan
{
    qsizetype begin = 0;
    qsizetype end = 0;
};

enum class JsonType { Null, Bool, Number, String, Array, Object };

// One member of a container: the raw key span (quotes included) for objects, then the value.
struct JsonMember
{
    JsonSpan key; // empty for array elements
    JsonSpan value;
};

struct JsonCheck
{
    bool ok = true;
    qsizetype offset = 0; // where the parser stopped, when !ok
    QString message;
};

// Reads JSON text in place, without building a document: validate once, then list one
// container's members at a time. Keeps the sender's key order and number spelling, which a
// QJsonDocument would not (it sorts keys and reformats numbers).
class JsonScanner final
{
public:
    static constexpr int kMaxDepth = 512;

    // Strict RFC 8259 check of a whole document (any value at the top level).
    [[nodiscard]] static JsonCheck validate(const QByteArray &json);
    // The top-level value, whitespace trimmed. Only for validated input.
    [[nodiscard]] static JsonSpan root(const QByteArray &json);
    [[nodiscard]] static JsonType typeOf(const QByteArray &json, JsonSpan span);
    // Direct members of an array or object span. Only for validated input.
    [[nodiscard]] static QList<JsonMember> members(const QByteArray &json, JsonSpan span);
    // At most `max` members of an array or object span, starting at *resume (0: the first
    // member); *resume is left at the next one, for the next call. Only for validated input.
    [[nodiscard]] static QList<JsonMember> nextMembers(const QByteArray &json, JsonSpan span, qsizetype *resume, int max);
    [[nodiscard]] static int memberCount(const QByteArray &json, JsonSpan span);
    // A string span (quotes included) decoded to text.
    [[nodiscard]] static QString unescape(const QByteArray &json, JsonSpan span);
    // Re-indents validated JSON with two spaces, keeping tokens exactly as written.
    // With `limit` >= 0, stops soon after the output passes `limit` bytes (the last token is
    // whole): the caller cuts it, and knows the text was cut when it is longer than `limit`.
    [[nodiscard]] static QByteArray prettyPrint(const QByteArray &json, qsizetype limit = -1);
};

} // namespace hookscope
