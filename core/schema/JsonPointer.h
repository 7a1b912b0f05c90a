#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace hookscope {

// RFC 6901 JSON Pointers: "" is the whole document, "/a/0/b~1c" the member "b/c" of the first
// item of member "a". Tokens are escaped "~" -> "~0" and "/" -> "~1".
class JsonPointer final {
public:
    JsonPointer() = delete;

    [[nodiscard]] static QString escape(const QString &token);
    // std::nullopt for a "~" not followed by 0 or 1.
    [[nodiscard]] static std::optional<QString> unescape(const QString &token);

    [[nodiscard]] static QString fromTokens(const QStringList &tokens);
    // std::nullopt unless pointer is "" or starts with "/" and escapes correctly.
    [[nodiscard]] static std::optional<QStringList> tokens(const QString &pointer);
    [[nodiscard]] static bool isValid(const QString &pointer) { return tokens(pointer).has_value(); }

    // The value the pointer designates, or std::nullopt (bad pointer, missing member, array index
    // out of range, "-", leading zeros, or a path through a scalar).
    [[nodiscard]] static std::optional<QJsonValue> resolve(const QJsonValue &root, const QString &pointer);
    [[nodiscard]] static std::optional<QJsonValue> resolve(const QJsonValue &root, const QStringList &tokens);
    // The same in a parsed nlohmann document (what EventInspector validates); nullptr when absent.
    [[nodiscard]] static const nlohmann::json *resolve(const nlohmann::json &root, const QStringList &tokens);

    // "0", "7", "12" but not "-", "01" or "+1": the array indexes RFC 6901 allows.
    [[nodiscard]] static std::optional<qsizetype> arrayIndex(QStringView token);
};

} // namespace hookscope
