#pragma once

#include "BoundedRegex.h"
#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace valijson {
class ValidationResults;
namespace adapters {
class Adapter;
}
} // namespace valijson

namespace hookscope {

// The keywords of one subschema that Hookscope checks itself instead of valijson 1.0: the checks
// that carry the values a plain-words message needs (type, const, enum, bounds, lengths), the
// formats valijson gets wrong or slow (a std::regex per date-time, format applied to null), and
// pattern (std::regex recursion overflows the stack on long strings, valijson issue #191).
// Immutable once SchemaRewriter and LeafInliner have filled it; checked concurrently from any thread.
struct LeafRules {
    enum class Type : std::uint8_t { Null, Boolean, Object, Array, Number, String, Integer };
    enum class Format : std::uint8_t { None, DateTime, Date, Time };

    // A "no match" from the regex engine is trusted up to this many characters. PCRE2's JIT has a
    // bounded stack and answers "no match" when it runs out instead of crashing, so for a longer
    // string only a match is conclusive.
    static constexpr qsizetype kPatternTrustedLength = 4096;

    std::vector<Type> types; // empty: no "type"
    std::optional<nlohmann::json> constValue;
    std::optional<std::vector<nlohmann::json>> enumValues;
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::optional<double> exclusiveMinimum;
    std::optional<double> exclusiveMaximum;
    std::optional<double> multipleOf; // > 0
    std::optional<std::uint64_t> minLength;
    std::optional<std::uint64_t> maxLength;
    Format format = Format::None;
    std::optional<BoundedRegex> pattern;

    // Stands for a `false` subschema and always fails. Names the keyword it came from:
    // "additionalProperties" (pointer then goes to the object holding the member) or "false".
    std::string forbiddenKeyword;

    // Objects and arrays whose subschemas are all LeafRules themselves are checked here in one
    // pass instead of valijson creating a visitor (and copying its context path twice) per value:
    // LeafInliner moves "properties", "required", additionalProperties: false and a single
    // "items" schema in when every member/item schema is such a leaf. Same semantics.
    struct MemberRule {
        std::string name;
        const LeafRules *rules = nullptr; // not owned; null: any value
        int requiredIndex = -1; // into `required`, -1 when optional
        bool isProperty = true; // false: only required, not listed in "properties"
    };
    bool ownsMembers = false;
    bool closed = false; // additionalProperties: false
    std::vector<MemberRule> members; // sorted by name
    std::vector<std::string> required; // sorted, as valijson reports them
    bool ownsItems = false;
    const LeafRules *itemRules = nullptr; // not owned; null: any item

    // Conditions on the member name (the last context token), used inside the "if" branches that
    // replace patternProperties. Never report errors themselves.
    bool nameRule = false;
    bool nameMatchesNone = false; // true: name matches none of namePatterns; false: any of them
    std::vector<BoundedRegex> namePatterns; // a name the engine gives up on counts as not matching

    [[nodiscard]] bool isEmpty() const;

    // valijson PolyConstraint entry point. Pushes one encoded error per failed keyword into
    // results (when not null) and returns whether the target passed.
    [[nodiscard]] bool check(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                             valijson::ValidationResults *results) const;

    // Errors pushed by check() read "\x1e<keyword>\x1f<predicate>", e.g. "\x1eminimum\x1fmust be ≥ 0, got -1";
    // ViolationTranslator prefixes the subject ("'order' ").
    static constexpr char kErrorPrefix = '\x1e';
    static constexpr char kErrorSeparator = '\x1f';
    [[nodiscard]] static std::string encodeError(const char *keyword, const QString &predicate);

    [[nodiscard]] static const char *typeName(Type type);

    // value / divisor is an integer, up to the rounding of the division (relative 4 ulp), as ajv
    // decides it; exact for two integers. 0.0075 is a multiple of 0.0001, 12391239123 of 1e-8.
    [[nodiscard]] static bool isMultipleOf(const valijson::adapters::Adapter &value, double divisor);

private:
    [[nodiscard]] bool typeMatches(const valijson::adapters::Adapter &target) const;
    [[nodiscard]] bool checkString(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                                   valijson::ValidationResults *results) const;
    [[nodiscard]] bool checkNumber(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                                   valijson::ValidationResults *results) const;
    [[nodiscard]] bool nameMatches(const std::vector<std::string> &context) const;
    [[nodiscard]] bool checkMembers(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                                    valijson::ValidationResults *results) const;
    [[nodiscard]] bool checkItems(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                                  valijson::ValidationResults *results) const;
    [[nodiscard]] const MemberRule *member(const std::string &name) const;
};

} // namespace hookscope
