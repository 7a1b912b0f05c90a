#include "ViolationTranslator.h"

#include "JsonPointer.h"
#include "LeafRules.h"
#include "ValueText.h"

#include <nlohmann/json.hpp>
#include <valijson/validation_results.hpp>

#include <algorithm>
#include <string_view>

namespace hookscope {

namespace {

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

// The text between the first `open` after prefix and the last `close`: "Missing required property 'x'." -> x
QString between(std::string_view text, char open, char close)
{
    const std::size_t first = text.find(open);
    const std::size_t last = text.rfind(close);
    if (first == std::string_view::npos || last == std::string_view::npos || last <= first)
        return QString();
    return QString::fromUtf8(text.data() + first + 1, qsizetype(last - first - 1));
}

// The first number in text: "Array should contain no fewer than 2 elements." -> "2"
QString firstNumber(std::string_view text)
{
    std::size_t begin = text.find_first_of("-0123456789");
    if (begin == std::string_view::npos)
        return QString();
    std::size_t end = text.find_first_not_of("-+.0123456789eE", begin);
    if (end == std::string_view::npos)
        end = text.size();
    if (end > begin && text[end - 1] == '.')
        --end; // sentence full stop
    const QString number = QString::fromUtf8(text.data() + begin, qsizetype(end - begin));
    bool ok = false;
    const double value = number.toDouble(&ok);
    return ok ? ValueText::number(value) : number;
}

std::vector<std::string> tokensOf(const std::vector<std::string> &context)
{
    std::vector<std::string> tokens;
    tokens.reserve(context.size());
    for (const std::string &element : context) {
        if (element.size() >= 2 && element.front() == '[' && element.back() == ']')
            tokens.push_back(element.substr(1, element.size() - 2));
    }
    return tokens;
}

QString pointerOf(const std::vector<std::string> &tokens)
{
    QStringList list;
    list.reserve(qsizetype(tokens.size()));
    for (const std::string &token : tokens)
        list.append(QString::fromStdString(token));
    return JsonPointer::fromTokens(list);
}

bool pointerLess(const QString &a, const QString &b)
{
    const QStringList ta = JsonPointer::tokens(a).value_or(QStringList());
    const QStringList tb = JsonPointer::tokens(b).value_or(QStringList());
    for (qsizetype i = 0; i < qMin(ta.size(), tb.size()); ++i) {
        if (ta.at(i) == tb.at(i))
            continue;
        const auto ia = JsonPointer::arrayIndex(ta.at(i));
        const auto ib = JsonPointer::arrayIndex(tb.at(i));
        if (ia && ib)
            return *ia < *ib;
        return ta.at(i) < tb.at(i);
    }
    return ta.size() < tb.size();
}

// Parent entries valijson pushes above the failure that explains them.
constexpr std::string_view kChainMessages[] = {
    "Failed to validate against child schema #",
    "Failed to validate item #",
    "Failed to validate against additional properties schema",
    "Failed to validate against a conditional schema",
    "Failed to validate against dependent schema",
    "Failed to validate against schema associated with",
};

} // namespace

ViolationTranslator::ViolationTranslator(const nlohmann::json &document)
    : m_document(document)
{
}

Violations ViolationTranslator::translate(const valijson::ValidationResults &results) const
{
    Violations out;
    for (const valijson::ValidationResults::Error &error : results) {
        std::optional<Violation> violation = translate(error.context, error.description);
        if (violation && !out.contains(*violation))
            out.append(std::move(*violation));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Violation &a, const Violation &b) { return pointerLess(a.pointer, b.pointer); });
    return out;
}

const nlohmann::json *ViolationTranslator::resolve(const std::vector<std::string> &tokens) const
{
    const nlohmann::json *node = &m_document;
    for (const std::string &token : tokens) {
        if (node->is_object()) {
            const auto it = node->find(token);
            if (it == node->end())
                return nullptr;
            node = &*it;
        } else if (node->is_array()) {
            const auto index = JsonPointer::arrayIndex(QString::fromStdString(token));
            if (!index || std::size_t(*index) >= node->size())
                return nullptr;
            node = &(*node)[std::size_t(*index)];
        } else {
            return nullptr;
        }
    }
    return node;
}

QString ViolationTranslator::subject(const std::vector<std::string> &tokens) const
{
    QString name;
    const nlohmann::json *node = &m_document;
    for (const std::string &token : tokens) {
        if (node && node->is_array()) {
            name += u'[' + QString::fromStdString(token) + u']';
            const auto index = JsonPointer::arrayIndex(QString::fromStdString(token));
            node = index && std::size_t(*index) < node->size() ? &(*node)[std::size_t(*index)] : nullptr;
        } else {
            name = QString::fromStdString(token);
            const bool found = node && node->is_object() && node->contains(token);
            node = found ? &node->at(token) : nullptr;
        }
    }
    return name.isEmpty() ? QStringLiteral("the document") : u'\'' + name + u'\'';
}

Violation ViolationTranslator::ownError(std::vector<std::string> tokens, const std::string &description) const
{
    const std::size_t separator = description.find(LeafRules::kErrorSeparator);
    const std::string keyword = description.substr(1, separator - 1);
    const QString predicate = QString::fromStdString(description.substr(separator + 1));
    const QString key = QString::fromStdString(keyword);

    if (keyword == "additionalProperties" || keyword == "false") {
        // Point at the object holding the member, as for "required".
        if (tokens.empty())
            return {QString(), QStringLiteral("the document is not allowed by the schema (false)"), key};
        const std::string name = tokens.back();
        tokens.pop_back();
        const nlohmann::json *parent = resolve(tokens);
        const QString message = parent && parent->is_array()
            ? QStringLiteral("item [%1] is not allowed here").arg(QString::fromStdString(name))
            : QStringLiteral("property '%1' is not allowed here").arg(QString::fromStdString(name));
        return {pointerOf(tokens), message, key};
    }
    if (keyword == "required")
        return {pointerOf(tokens), predicate, key};
    return {pointerOf(tokens), subject(tokens) + u' ' + predicate, key};
}

std::optional<Violation> ViolationTranslator::translate(const std::vector<std::string> &context,
                                                        const std::string &description) const
{
    const std::vector<std::string> tokens = tokensOf(context);
    if (!description.empty() && description.front() == LeafRules::kErrorPrefix)
        return ownError(tokens, description);

    const std::string_view d = description;
    for (const std::string_view chain : kChainMessages) {
        if (startsWith(d, chain))
            return std::nullopt;
    }

    const QString pointer = pointerOf(tokens);
    const QString who = subject(tokens);
    const nlohmann::json *value = resolve(tokens);
    const auto sizeText = [&] { return value ? QString::number(value->size()) : QStringLiteral("?"); };

    if (startsWith(d, "Missing required property '"))
        return Violation{pointer, QStringLiteral("missing required property '%1'").arg(between(d, '\'', '\'')),
                         QStringLiteral("required")};
    if (startsWith(d, "Object contains a property that could not be validated")) {
        const std::size_t name = d.find(": '");
        return Violation{pointer,
                         QStringLiteral("property '%1' is not allowed here")
                             .arg(name == std::string_view::npos ? QString() : between(d.substr(name), '\'', '\'')),
                         QStringLiteral("additionalProperties")};
    }
    if (startsWith(d, "Array should contain no fewer than "))
        return Violation{pointer,
                         QStringLiteral("%1 must have at least %2 items, got %3").arg(who, firstNumber(d), sizeText()),
                         QStringLiteral("minItems")};
    if (startsWith(d, "Array should contain no more than "))
        return Violation{pointer,
                         QStringLiteral("%1 must have at most %2 items, got %3").arg(who, firstNumber(d), sizeText()),
                         QStringLiteral("maxItems")};
    if (startsWith(d, "Object should have no fewer than "))
        return Violation{
            pointer, QStringLiteral("%1 must have at least %2 properties, got %3").arg(who, firstNumber(d), sizeText()),
            QStringLiteral("minProperties")};
    if (startsWith(d, "Object should have no more than "))
        return Violation{
            pointer, QStringLiteral("%1 must have at most %2 properties, got %3").arg(who, firstNumber(d), sizeText()),
            QStringLiteral("maxProperties")};
    if (startsWith(d, "Value should be a multiple of ") || startsWith(d, "Value could not be converted")) {
        const QString got = value ? ValueText::ofJson(*value) : QStringLiteral("?");
        return Violation{pointer, QStringLiteral("%1 must be a multiple of %2, got %3").arg(who, firstNumber(d), got),
                         QStringLiteral("multipleOf")};
    }
    if (startsWith(d, "Elements at indexes #")) {
        const QString first = firstNumber(d);
        const std::size_t and_ = d.find(" and #");
        const QString second = and_ == std::string_view::npos ? QString() : firstNumber(d.substr(and_));
        return Violation{pointer,
                         QStringLiteral("%1 must not repeat items: [%2] and [%3] are equal").arg(who, first, second),
                         QStringLiteral("uniqueItems")};
    }
    if (startsWith(d, "Missing dependency '"))
        return Violation{pointer,
                         QStringLiteral("missing property '%1', which another property present requires")
                             .arg(between(d, '\'', '\'')),
                         QStringLiteral("dependencies")};
    if (startsWith(d, "Failed to validate against any schemas allowed by anyOf"))
        return Violation{pointer, who + QStringLiteral(" matches none of the alternatives in 'anyOf'"),
                         QStringLiteral("anyOf")};
    if (startsWith(d, "Failed to validate against any child schemas allowed by oneOf"))
        return Violation{pointer, who + QStringLiteral(" matches none of the alternatives in 'oneOf'"),
                         QStringLiteral("oneOf")};
    if (startsWith(d, "Failed to validate against exactly one child schema"))
        return Violation{pointer, who + QStringLiteral(" matches more than one alternative in 'oneOf'"),
                         QStringLiteral("oneOf")};
    if (startsWith(d, "Target should not validate against schema specified in 'not'"))
        return Violation{pointer, who + QStringLiteral(" must not match the schema under 'not'"),
                         QStringLiteral("not")};
    if (startsWith(d, "Failed to any values against subschema in 'contains'"))
        return Violation{pointer, who + QStringLiteral(" has no item that matches 'contains'"),
                         QStringLiteral("contains")};
    if (startsWith(d, "Array contains more items than allowed") || startsWith(d, "Cannot validate item #"))
        return Violation{pointer, who + QStringLiteral(" has more items than the schema allows"),
                         QStringLiteral("additionalItems")};
    return Violation{pointer, who + QStringLiteral(": ") + QString::fromStdString(description),
                     QStringLiteral("schema")};
}

} // namespace hookscope
