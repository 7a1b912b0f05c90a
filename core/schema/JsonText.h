#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace hookscope {

struct ParsedJson {
    bool ok = false;
    QJsonValue value; // any JSON value, scalars included
    QString error; // "unterminated string"
    qsizetype offset = -1; // byte offset of the error, -1 when unknown
};

// QJsonDocument::fromJson for any JSON text: Qt 6.4 refuses a top-level scalar ("OK", 3), which
// is still JSON (RFC 8259) and must reach the validator as a type error, not "not JSON".
class JsonText final {
public:
    JsonText() = delete;

    [[nodiscard]] static ParsedJson parse(const QByteArray &text);

    // nlohmann::json::parse stops at a NUL byte as if the text ended there ("123\0" parses as 123),
    // and Qt's parser may too. A raw NUL is never JSON (RFC 8259: neither whitespace nor allowed
    // unescaped in a string). Offset of the first one, -1 when there is none.
    [[nodiscard]] static qsizetype nulOffset(const QByteArray &text) { return text.indexOf('\0'); }
    static constexpr const char *kNulError = "a NUL byte, which JSON does not allow";

    // The sender declared JSON: application/json, text/json or any */*+json, parameters ignored.
    // An empty body so declared is "not JSON: empty document"; an empty body otherwise has
    // nothing to validate.
    [[nodiscard]] static bool declaresJson(const QByteArray &contentType);
};

} // namespace hookscope
