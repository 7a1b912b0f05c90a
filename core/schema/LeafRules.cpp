#include "LeafRules.h"

#include "InspectionBudget.h"
#include "Rfc3339.h"
#include "ValueText.h"

#include <QStringList>

#include <valijson/internal/adapter.hpp>
#include <valijson/validation_results.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hookscope {

namespace {

bool isIntegral(const valijson::adapters::Adapter &value)
{
    if (value.isInteger())
        return true;
    if (!value.isDouble())
        return false;
    const double d = value.getDouble();
    return std::isfinite(d) && d == std::floor(d);
}

// JSON equality as JSON Schema defines it for const and enum: 1 equals 1.0, member order is
// irrelevant, types are never coerced.
bool jsonEquals(const valijson::adapters::Adapter &a, const nlohmann::json &b)
{
    switch (b.type()) {
    case nlohmann::json::value_t::null: return a.isNull();
    case nlohmann::json::value_t::boolean: return a.isBool() && a.getBool() == b.get<bool>();
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
        if (a.isInteger() && b.is_number_integer() && !b.is_number_unsigned())
            return a.getInteger() == b.get<std::int64_t>();
        return a.isNumber() && a.getNumber() == b.get<double>();
    case nlohmann::json::value_t::number_float: return a.isNumber() && a.getNumber() == b.get<double>();
    case nlohmann::json::value_t::string: {
        std::string s;
        return a.isString() && a.getString(s) && s == b.get_ref<const std::string &>();
    }
    case nlohmann::json::value_t::array: {
        if (!a.isArray() || a.getArraySize() != b.size())
            return false;
        std::size_t index = 0;
        return a.applyToArray([&](const valijson::adapters::Adapter &item) { return jsonEquals(item, b[index++]); });
    }
    case nlohmann::json::value_t::object: {
        if (!a.isObject() || a.getObjectSize() != b.size())
            return false;
        return a.applyToObject([&](const std::string &name, const valijson::adapters::Adapter &member) {
            const auto it = b.find(name);
            return it != b.end() && jsonEquals(member, *it);
        });
    }
    default: return false;
    }
}

std::uint64_t codePoints(const std::string &utf8)
{
    std::uint64_t n = 0;
    for (const char c : utf8) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

QString withArticle(LeafRules::Type type)
{
    const QString name = QString::fromLatin1(LeafRules::typeName(type));
    switch (type) {
    case LeafRules::Type::Null: return name;
    case LeafRules::Type::Object:
    case LeafRules::Type::Array:
    case LeafRules::Type::Integer: return QStringLiteral("an ") + name;
    default: return QStringLiteral("a ") + name;
    }
}

QString joinAlternatives(const QStringList &items)
{
    if (items.size() <= 1)
        return items.value(0);
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) + QStringLiteral(" or ")
        + items.last();
}

QString characters(std::uint64_t n)
{
    return n == 1 ? QStringLiteral("1 character") : QStringLiteral("%1 characters").arg(n);
}

void push(valijson::ValidationResults *results, const std::vector<std::string> &context, const char *keyword,
          const QString &predicate)
{
    if (results)
        results->pushError(context, LeafRules::encodeError(keyword, predicate));
}

} // namespace

const char *LeafRules::typeName(Type type)
{
    switch (type) {
    case Type::Null: return "null";
    case Type::Boolean: return "boolean";
    case Type::Object: return "object";
    case Type::Array: return "array";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Integer: return "integer";
    }
    return "?";
}

std::string LeafRules::encodeError(const char *keyword, const QString &predicate)
{
    std::string out(1, kErrorPrefix);
    out += keyword;
    out += kErrorSeparator;
    out += predicate.toStdString();
    return out;
}

bool LeafRules::isEmpty() const
{
    return types.empty() && !constValue && !enumValues && !minimum && !maximum && !exclusiveMinimum && !exclusiveMaximum
        && !multipleOf && !minLength && !maxLength && format == Format::None && !pattern && forbiddenKeyword.empty() && !nameRule
        && !ownsMembers && !ownsItems;
}

bool LeafRules::typeMatches(const valijson::adapters::Adapter &target) const
{
    const auto matches = [&target](Type type) {
        switch (type) {
        case Type::Null: return target.isNull();
        case Type::Boolean: return target.isBool();
        case Type::Object: return target.isObject();
        case Type::Array: return target.isArray();
        case Type::Number: return target.isNumber();
        case Type::String: return target.isString();
        case Type::Integer: return isIntegral(target);
        }
        return false;
    };
    return std::any_of(types.begin(), types.end(), matches);
}

bool LeafRules::nameMatches(const std::vector<std::string> &context) const
{
    // valijson names an object member "[name]" in the context it validates the member's value in.
    QString name;
    if (!context.empty()) {
        const std::string &last = context.back();
        if (last.size() >= 2 && last.front() == '[' && last.back() == ']')
            name = QString::fromUtf8(last.data() + 1, qsizetype(last.size() - 2));
    }
    bool any = false;
    for (const BoundedRegex &re : namePatterns) {
        if (re.match(name) == BoundedRegex::Match::Yes) {
            any = true;
            break;
        }
    }
    return nameMatchesNone ? !any : any;
}

bool LeafRules::check(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                      valijson::ValidationResults *results) const
{
    InspectionBudget::check(); // every value of a document passes here: the place to stop a long one
    if (nameRule)
        return nameMatches(context);
    if (!forbiddenKeyword.empty()) {
        push(results, context, forbiddenKeyword.c_str(), QString());
        return false;
    }

    bool ok = true;
    if (!types.empty() && !typeMatches(target)) {
        if (!results)
            return false;
        QStringList expected;
        for (const Type type : types)
            expected.append(withArticle(type));
        QString got = ValueText::typeName(target);
        if (!target.isObject() && !target.isArray() && !target.isNull())
            got += u' ' + ValueText::of(target);
        push(results, context, "type", QStringLiteral("must be %1, got %2").arg(joinAlternatives(expected), got));
        ok = false;
    }
    if (constValue && !jsonEquals(target, *constValue)) {
        if (!results)
            return false;
        push(results, context, "const",
             QStringLiteral("must be %1, got %2").arg(ValueText::json(*constValue), ValueText::of(target)));
        ok = false;
    }
    if (enumValues) {
        bool found = false;
        for (const nlohmann::json &value : *enumValues) {
            if (jsonEquals(target, value)) {
                found = true;
                break;
            }
        }
        if (!found) {
            if (!results)
                return false;
            QStringList allowed;
            for (std::size_t i = 0; i < enumValues->size() && i < 10; ++i)
                allowed.append(ValueText::json((*enumValues)[i]));
            if (enumValues->size() > 10)
                allowed.append(QStringLiteral("…"));
            push(results, context, "enum",
                 QStringLiteral("must be one of %1, got %2")
                     .arg(allowed.join(QStringLiteral(", ")), ValueText::of(target)));
            ok = false;
        }
    }
    if (target.isNumber() && !checkNumber(target, context, results)) {
        if (!results)
            return false;
        ok = false;
    }
    if (target.isString() && (minLength || maxLength || format != Format::None || pattern)
        && !checkString(target, context, results)) {
        if (!results)
            return false;
        ok = false;
    }
    if (ownsMembers && target.isObject() && !checkMembers(target, context, results)) {
        if (!results)
            return false;
        ok = false;
    }
    if (ownsItems && itemRules && target.isArray() && !checkItems(target, context, results))
        ok = false;
    return ok;
}

const LeafRules::MemberRule *LeafRules::member(const std::string &name) const
{
    const auto it = std::lower_bound(members.begin(), members.end(), name,
                                     [](const MemberRule &rule, const std::string &n) { return rule.name < n; });
    return it != members.end() && it->name == name ? &*it : nullptr;
}

bool LeafRules::checkMembers(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                             valijson::ValidationResults *results) const
{
    bool ok = true;
    std::vector<bool> seen(required.size(), false);
    const auto withName = [&](const std::string &name) {
        std::vector<std::string> path = context;
        path.push_back('[' + name + ']');
        return path;
    };
    target.applyToObject([&](const std::string &name, const valijson::adapters::Adapter &value) {
        const MemberRule *rule = member(name);
        if (rule && rule->requiredIndex >= 0)
            seen[std::size_t(rule->requiredIndex)] = true;
        if (!rule || !rule->isProperty) {
            if (!closed)
                return true;
            ok = false;
            push(results, withName(name), "additionalProperties", QString());
            return results != nullptr;
        }
        // Context paths are only built for the (rare) member that fails.
        if (!rule->rules || rule->rules->check(value, context, nullptr))
            return true;
        ok = false;
        if (results)
            (void)rule->rules->check(value, withName(name), results);
        return results != nullptr;
    });
    if (!ok && !results)
        return false;
    for (std::size_t i = 0; i < required.size(); ++i) {
        if (seen[i])
            continue;
        ok = false;
        if (!results)
            return false;
        push(results, context, "required",
             QStringLiteral("missing required property '%1'").arg(QString::fromStdString(required[i])));
    }
    return ok;
}

bool LeafRules::checkItems(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                           valijson::ValidationResults *results) const
{
    bool ok = true;
    std::size_t index = 0;
    target.applyToArray([&](const valijson::adapters::Adapter &item) {
        const std::size_t i = index++;
        if (itemRules->check(item, context, nullptr))
            return true;
        ok = false;
        if (results) {
            std::vector<std::string> path = context;
            path.push_back('[' + std::to_string(i) + ']');
            (void)itemRules->check(item, path, results);
        }
        return results != nullptr;
    });
    return ok;
}

bool LeafRules::checkNumber(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                            valijson::ValidationResults *results) const
{
    if (!minimum && !maximum && !exclusiveMinimum && !exclusiveMaximum && !multipleOf)
        return true;
    const double value = target.getNumber();
    bool ok = true;
    const auto fail = [&](const char *keyword, const char *op, double limit) {
        ok = false;
        push(results, context, keyword,
             QStringLiteral("must be %1 %2, got %3")
                 .arg(QString::fromUtf8(op), ValueText::number(limit), ValueText::of(target)));
    };
    if (minimum && value < *minimum)
        fail("minimum", "≥", *minimum);
    if (exclusiveMinimum && value <= *exclusiveMinimum)
        fail("exclusiveMinimum", ">", *exclusiveMinimum);
    if (maximum && value > *maximum)
        fail("maximum", "≤", *maximum);
    if (exclusiveMaximum && value >= *exclusiveMaximum)
        fail("exclusiveMaximum", "<", *exclusiveMaximum);
    if (multipleOf && !isMultipleOf(target, *multipleOf)) {
        ok = false;
        push(results, context, "multipleOf",
             QStringLiteral("must be a multiple of %1, got %2").arg(ValueText::number(*multipleOf), ValueText::of(target)));
    }
    return ok;
}

bool LeafRules::isMultipleOf(const valijson::adapters::Adapter &value, double divisor)
{
    constexpr double kLimit = 9.2e18; // below 2^63: both fit an int64
    if (value.isInteger() && divisor == std::floor(divisor) && divisor < kLimit)
        return value.getInteger() % static_cast<std::int64_t>(divisor) == 0;
    const double quotient = value.getNumber() / divisor;
    if (!std::isfinite(quotient))
        return false;
    return std::fabs(quotient - std::round(quotient)) <= std::fabs(quotient) * 4 * std::numeric_limits<double>::epsilon();
}

bool LeafRules::checkString(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                            valijson::ValidationResults *results) const
{
    std::string text;
    if (!target.getString(text))
        return true;
    bool ok = true;
    if (minLength || maxLength) {
        const std::uint64_t length = codePoints(text);
        if (minLength && length < *minLength) {
            ok = false;
            push(results, context, "minLength",
                 QStringLiteral("must be at least %1, got %2").arg(characters(*minLength)).arg(length));
        }
        if (maxLength && length > *maxLength) {
            ok = false;
            push(results, context, "maxLength",
                 QStringLiteral("must be at most %1, got %2").arg(characters(*maxLength)).arg(length));
        }
        if (!ok && !results)
            return false;
    }
    if (format != Format::None) {
        bool valid = true;
        const char *what = "";
        switch (format) {
        case Format::DateTime:
            valid = Rfc3339::isDateTime(text);
            what = "date-time";
            break;
        case Format::Date:
            valid = Rfc3339::isDate(text);
            what = "date";
            break;
        case Format::Time:
            valid = Rfc3339::isTime(text);
            what = "time";
            break;
        case Format::None: break;
        }
        if (!valid) {
            if (!results)
                return false;
            ok = false;
            push(results, context, "format",
                 QStringLiteral("is not an RFC 3339 %1: %2")
                     .arg(QString::fromLatin1(what), ValueText::quotedUtf8(text)));
        }
    }
    if (pattern) {
        const QString subject = QString::fromUtf8(text.data(), qsizetype(text.size()));
        const BoundedRegex::Match match = pattern->match(subject);
        if (match != BoundedRegex::Match::Yes) {
            if (!results)
                return false;
            ok = false;
            if (match == BoundedRegex::Match::GaveUp) {
                push(results, context, "pattern",
                     QStringLiteral("could not be checked against the pattern %1: the regular expression engine "
                                    "gave up (more than %2 backtracking steps)")
                         .arg(pattern->pattern())
                         .arg(BoundedRegex::kMatchLimit));
            } else if (subject.size() > kPatternTrustedLength) {
                push(results, context, "pattern",
                     QStringLiteral("could not be checked against the pattern %1: %2 long (checked up to %3)")
                         .arg(pattern->pattern(), characters(codePoints(text)), characters(kPatternTrustedLength)));
            } else {
                push(results, context, "pattern",
                     QStringLiteral("does not match the pattern %1: %2")
                         .arg(pattern->pattern(), ValueText::quotedUtf8(text)));
            }
        }
    }
    return ok;
}

} // namespace hookscope
