#pragma once

#include <QString>

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace valijson::adapters {
class Adapter;
}

namespace hookscope {

// Renders JSON values and limits for violation messages: short, JSON-like, one line.
class ValueText final {
public:
    ValueText() = delete;

    static constexpr int kMaxChars = 60;

    // 0, -180, 90.0001, 1e+300: integers without a fraction, others in their shortest form.
    [[nodiscard]] static QString number(double value);
    // A JSON string literal, cut to maxChars characters with "…" before the closing quote.
    [[nodiscard]] static QString quoted(const QString &text, int maxChars = kMaxChars);
    [[nodiscard]] static QString quotedUtf8(const std::string &utf8, int maxChars = kMaxChars);
    // Compact JSON text of a schema value (const, enum members), cut like quoted().
    [[nodiscard]] static QString json(const nlohmann::json &value, int maxChars = kMaxChars);
    // A document value as it appears after "got": "\"X\"", -1, true, null, "an object", "an array".
    [[nodiscard]] static QString of(const valijson::adapters::Adapter &value);
    [[nodiscard]] static QString ofJson(const nlohmann::json &value);
    // "null", "boolean", "number", "string", "object", "array".
    [[nodiscard]] static QString typeName(const valijson::adapters::Adapter &value);
    [[nodiscard]] static QString typeNameOfJson(const nlohmann::json &value);
};

} // namespace hookscope
