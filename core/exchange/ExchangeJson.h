#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace hookscope {

// How bytes from the wire go into an export and come back identical.
namespace exchange {

// True for well-formed UTF-8 (no overlong forms, no surrogates), as JSON strings need.
[[nodiscard]] bool isUtf8(const QByteArray &bytes);

// Bytes of a method, target or header: a JSON string when they are UTF-8, else
// {"base64": "..."}.
[[nodiscard]] nlohmann::ordered_json bytesToJson(const QByteArray &bytes);
// The inverse; false with *error (naming what is wrong) for any other shape.
[[nodiscard]] bool bytesFromJson(const nlohmann::ordered_json &value, QByteArray *bytes, QString *error);

// A body: {"size": n, "encoding": "json", "json": value, "indent": 0|2|4} when the bytes are JSON
// that re-serialises to exactly the same bytes, else {"size", "encoding": "text", "text"} for
// UTF-8, else {"size", "encoding": "base64", "base64"}.
[[nodiscard]] nlohmann::ordered_json bodyToJson(const QByteArray &body);
[[nodiscard]] bool bodyFromJson(const nlohmann::ordered_json &value, QByteArray *body, QString *error);

// "2026-11-23T01:02:03.456Z"
[[nodiscard]] QString isoTime(qint64 msSinceEpoch);
// RFC 3339 / ISO 8601 with offset; false when it is not one.
[[nodiscard]] bool parseIsoTime(const QString &text, qint64 *msSinceEpoch);

[[nodiscard]] inline std::string toStd(const QString &text) { return text.toStdString(); }
[[nodiscard]] inline std::string toStd(const QByteArray &bytes) { return bytes.toStdString(); }

} // namespace exchange
} // namespace hookscope
