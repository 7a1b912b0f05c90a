#include "SchemaRewriter.h"

#include "LeafInliner.h"
#include "LeafRules.h"

#include <QByteArray>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hookscope {

namespace {

using json = nlohmann::json;

constexpr const char *kLeafKeywords[]
    = {"type",      "const",     "enum",    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
       "minLength", "maxLength", "pattern", "format",    "multipleOf"};
// Counts valijson checks; draft-07 allows them as integral floats ("maxItems": 2.0), valijson does not.
constexpr const char *kCountKeywords[] = {"maxItems", "minItems", "maxProperties", "minProperties"};
constexpr const char *kSingleSchemaKeywords[]
    = {"additionalItems", "contains", "propertyNames", "not", "if", "then", "else"};
constexpr const char *kSchemaListKeywords[] = {"allOf", "anyOf", "oneOf"};

std::string child(const std::string &path, const std::string &token)
{
    return SchemaRewriter::childPath(path, token);
}

[[noreturn]] void fail(const std::string &path, const std::string &what)
{
    throw SchemaError((path.empty() ? std::string("(root)") : path) + ": " + what);
}

double number(const json &value, const std::string &path)
{
    if (!value.is_number())
        fail(path, "expected a number");
    return value.get<double>();
}

std::uint64_t length(const json &value, const std::string &path)
{
    if (value.is_number_unsigned())
        return std::min<std::uint64_t>(value.get<std::uint64_t>(), std::numeric_limits<std::int64_t>::max());
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0)
        return value.get<std::uint64_t>();
    if (value.is_number_float() && value.get<double>() >= 0 && value.get<double>() == std::floor(value.get<double>())) {
        // 1e30 items is as good as no limit; clamped so the cast is defined and valijson's int64 positive.
        constexpr double kMax = 9.2e18;
        return value.get<double>() >= kMax ? std::uint64_t(std::numeric_limits<std::int64_t>::max())
                                           : static_cast<std::uint64_t>(value.get<double>());
    }
    fail(path, "expected a non-negative integer");
}

LeafRules::Type typeFromName(const json &name, const std::string &path)
{
    static const std::pair<const char *, LeafRules::Type> names[]
        = {{"null", LeafRules::Type::Null},      {"boolean", LeafRules::Type::Boolean},
           {"object", LeafRules::Type::Object},  {"array", LeafRules::Type::Array},
           {"number", LeafRules::Type::Number},  {"string", LeafRules::Type::String},
           {"integer", LeafRules::Type::Integer}};
    if (name.is_string()) {
        for (const auto &[text, type] : names) {
            if (name.get_ref<const std::string &>() == text)
                return type;
        }
    }
    fail(path, "unknown type " + name.dump());
}

BoundedRegex compilePattern(const json &value, const std::string &path)
{
    if (!value.is_string())
        fail(path, "a pattern must be a string");
    QString error;
    BoundedRegex re(QString::fromStdString(value.get<std::string>()), &error);
    if (!re.isValid())
        fail(path, "invalid regular expression " + value.dump() + ": " + error.toStdString());
    return re;
}

// Refuses documents that already use our private keyword, and nesting deep enough to exhaust
// the stack of the recursive rewrite or of valijson's parser. Iterative on purpose.
void precheck(const json &root)
{
    std::vector<std::pair<const json *, int>> stack{{&root, 0}};
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        if (depth > 2 * SchemaRewriter::kMaxSchemaDepth)
            throw SchemaError("the schema is nested more than " + std::to_string(2 * SchemaRewriter::kMaxSchemaDepth)
                              + " levels deep");
        if (node->is_object() && node->contains(SchemaRewriter::kLeafKeyword))
            throw SchemaError(std::string("the schema uses the reserved keyword ") + SchemaRewriter::kLeafKeyword);
        if (node->is_structured()) {
            for (const json &item : *node)
                stack.emplace_back(&item, depth + 1);
        }
    }
}

} // namespace

std::string SchemaRewriter::childPath(const std::string &path, const std::string &token)
{
    std::string out = path;
    out.reserve(path.size() + token.size() + 1);
    out += '/';
    for (const char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

SchemaRewriter::SchemaRewriter(std::vector<std::unique_ptr<LeafRules>> *rules, Mode mode, bool inlineLeaves)
    : m_rules(rules)
    , m_mode(mode)
    , m_inline(inlineLeaves)
{
}

SchemaRewriter::~SchemaRewriter() = default;

void SchemaRewriter::rewrite(json &root)
{
    precheck(root);
    visit(root, std::string(), 0);
    resolveReferences(root);
    if (m_inline)
        LeafInliner(m_rules, m_containers, m_refTargets).run(root);
}

std::size_t SchemaRewriter::addRules(std::unique_ptr<LeafRules> rules)
{
    m_rules->push_back(std::move(rules));
    return m_rules->size() - 1;
}

std::size_t SchemaRewriter::forbidden(const std::string &keyword)
{
    for (const auto &[name, index] : m_forbidden) {
        if (name == keyword)
            return index;
    }
    auto rules = std::make_unique<LeafRules>();
    rules->forbiddenKeyword = keyword;
    const std::size_t index = addRules(std::move(rules));
    m_forbidden.emplace_back(keyword, index);
    return index;
}

void SchemaRewriter::visit(json &node, const std::string &path, int depth)
{
    if (depth > kMaxSchemaDepth)
        fail(path, "subschemas nested more than " + std::to_string(kMaxSchemaDepth) + " levels deep");
    if (node.is_boolean()) {
        if (!node.get<bool>())
            node = json{{kLeafKeyword, forbidden("false")}};
        return;
    }
    if (!node.is_object())
        fail(path, "a schema must be an object or a boolean");
    if (!m_visited.insert(path).second)
        return;

    if (const auto ref = node.find("$ref"); ref != node.end()) {
        // Draft-07 ignores every keyword beside $ref, and so does valijson.
        if (!ref->is_string())
            fail(child(path, "$ref"), "must be a string");
        m_refs.emplace_back(ref->get<std::string>(), child(path, "$ref"));
        return;
    }

    if (node.contains("patternProperties"))
        rewritePatternProperties(node, path);

    visitMembers(node, "properties", path, depth);
    visitMembers(node, "definitions", path, depth);
    if (const auto deps = node.find("dependencies"); deps != node.end() && deps->is_object()) {
        for (auto &[name, dependency] : deps->items()) {
            if (!dependency.is_array())
                visit(dependency, child(child(path, "dependencies"), name), depth + 1);
        }
    }
    if (const auto ap = node.find("additionalProperties"); ap != node.end()) {
        if (ap->is_boolean() && !ap->get<bool>()) {
            if (m_mode == Mode::Detailed)
                *ap = json{{kLeafKeyword, forbidden("additionalProperties")}};
        } else {
            visit(*ap, child(path, "additionalProperties"), depth + 1);
        }
    }
    for (const char *keyword : kSingleSchemaKeywords) {
        if (const auto it = node.find(keyword); it != node.end())
            visit(*it, child(path, keyword), depth + 1);
    }
    if (const auto items = node.find("items"); items != node.end()) {
        if (items->is_array()) {
            for (std::size_t i = 0; i < items->size(); ++i)
                visit((*items)[i], child(child(path, "items"), std::to_string(i)), depth + 1);
        } else {
            visit(*items, child(path, "items"), depth + 1);
        }
    }
    for (const char *keyword : kSchemaListKeywords) {
        const auto list = node.find(keyword);
        if (list == node.end())
            continue;
        if (!list->is_array() || list->empty())
            fail(child(path, keyword), "must be a non-empty array of schemas");
        for (std::size_t i = 0; i < list->size(); ++i)
            visit((*list)[i], child(child(path, keyword), std::to_string(i)), depth + 1);
    }
    extractLeafRules(node, path);
    const auto items = node.find("items");
    if (node.contains("properties") || (items != node.end() && !items->is_array()))
        m_containers.push_back(path);
}

void SchemaRewriter::visitMembers(json &node, const char *keyword, const std::string &path, int depth)
{
    const auto map = node.find(keyword);
    if (map == node.end())
        return;
    if (!map->is_object())
        fail(child(path, keyword), "must be an object");
    const std::string base = child(path, keyword);
    for (auto &[name, schema] : map->items())
        visit(schema, child(base, name), depth + 1);
}

void SchemaRewriter::extractLeafRules(json &node, const std::string &path)
{
    auto rules = std::make_unique<LeafRules>();
    if (const auto type = node.find("type"); type != node.end()) {
        if (type->is_array()) {
            for (const json &name : *type)
                rules->types.push_back(typeFromName(name, child(path, "type")));
            if (rules->types.empty())
                fail(child(path, "type"), "must name at least one type");
        } else {
            rules->types.push_back(typeFromName(*type, child(path, "type")));
        }
    }
    if (const auto value = node.find("const"); value != node.end())
        rules->constValue = *value;
    if (const auto values = node.find("enum"); values != node.end()) {
        if (!values->is_array())
            fail(child(path, "enum"), "must be an array");
        rules->enumValues = values->get<std::vector<json>>();
    }
    if (const auto it = node.find("minimum"); it != node.end())
        rules->minimum = number(*it, child(path, "minimum"));
    if (const auto it = node.find("maximum"); it != node.end())
        rules->maximum = number(*it, child(path, "maximum"));
    // Draft-04 spelled exclusive bounds as booleans beside minimum/maximum; accept both forms.
    if (const auto it = node.find("exclusiveMinimum"); it != node.end()) {
        if (it->is_boolean()) {
            if (it->get<bool>() && rules->minimum)
                rules->exclusiveMinimum = std::exchange(rules->minimum, std::nullopt);
        } else {
            rules->exclusiveMinimum = number(*it, child(path, "exclusiveMinimum"));
        }
    }
    if (const auto it = node.find("exclusiveMaximum"); it != node.end()) {
        if (it->is_boolean()) {
            if (it->get<bool>() && rules->maximum)
                rules->exclusiveMaximum = std::exchange(rules->maximum, std::nullopt);
        } else {
            rules->exclusiveMaximum = number(*it, child(path, "exclusiveMaximum"));
        }
    }
    if (const auto it = node.find("minLength"); it != node.end())
        rules->minLength = length(*it, child(path, "minLength"));
    if (const auto it = node.find("maxLength"); it != node.end())
        rules->maxLength = length(*it, child(path, "maxLength"));
    if (const auto it = node.find("multipleOf"); it != node.end()) {
        rules->multipleOf = number(*it, child(path, "multipleOf"));
        if (!(*rules->multipleOf > 0) || !std::isfinite(*rules->multipleOf))
            fail(child(path, "multipleOf"), "must be a number greater than 0");
    }
    for (const char *keyword : kCountKeywords) {
        if (const auto it = node.find(keyword); it != node.end())
            *it = length(*it, child(path, keyword));
    }
    if (const auto it = node.find("pattern"); it != node.end())
        rules->pattern = compilePattern(*it, child(path, "pattern"));
    if (const auto it = node.find("format"); it != node.end()) {
        // Formats other than these three are annotations (draft-07 leaves checking them optional).
        if (*it == "date-time")
            rules->format = LeafRules::Format::DateTime;
        else if (*it == "date")
            rules->format = LeafRules::Format::Date;
        else if (*it == "time")
            rules->format = LeafRules::Format::Time;
    }
    for (const char *keyword : kLeafKeywords)
        node.erase(keyword);
    if (!rules->isEmpty())
        node[kLeafKeyword] = addRules(std::move(rules));
}

void SchemaRewriter::rewritePatternProperties(json &node, const std::string &path)
{
    const std::string where = child(path, "patternProperties");
    json &patterns = node["patternProperties"];
    if (!patterns.is_object())
        fail(where, "must be an object");
    struct Entry {
        BoundedRegex re;
        json schema;
    };
    std::vector<Entry> entries;
    for (auto &[pattern, schema] : patterns.items())
        entries.push_back({compilePattern(json(pattern), child(where, pattern)), schema});
    node.erase("patternProperties");
    if (entries.empty())
        return;

    // A member named in "properties" must also satisfy every patternProperties schema its name matches.
    if (const auto properties = node.find("properties"); properties != node.end() && properties->is_object()) {
        for (auto &[name, schema] : properties->items()) {
            json all = json::array({schema});
            for (const Entry &entry : entries) {
                if (entry.re.match(QString::fromStdString(name)) == BoundedRegex::Match::Yes)
                    all.push_back(entry.schema);
            }
            if (all.size() > 1)
                schema = json{{"allOf", std::move(all)}};
        }
    }

    // The others reach additionalProperties, one if/then per pattern plus one for "matches none".
    json branches = json::array();
    std::vector<BoundedRegex> all;
    for (Entry &entry : entries) {
        auto matches = std::make_unique<LeafRules>();
        matches->nameRule = true;
        matches->namePatterns = {entry.re};
        all.push_back(entry.re);
        branches.push_back(
            json{{"if", json{{kLeafKeyword, addRules(std::move(matches))}}}, {"then", std::move(entry.schema)}});
    }
    const auto additional = node.find("additionalProperties");
    if (additional != node.end() && !(additional->is_boolean() && additional->get<bool>())) {
        auto none = std::make_unique<LeafRules>();
        none->nameRule = true;
        none->nameMatchesNone = true;
        none->namePatterns = std::move(all);
        json then = additional->is_boolean() ? json{{kLeafKeyword, forbidden("additionalProperties")}} : *additional;
        branches.push_back(json{{"if", json{{kLeafKeyword, addRules(std::move(none))}}}, {"then", std::move(then)}});
    }
    node["additionalProperties"] = json{{"allOf", std::move(branches)}};
}

void SchemaRewriter::resolveReferences(json &root)
{
    // Subschemas reached only through a $ref outside the usual keywords ("#/$defs/x", "#/x-types/y")
    // are rewritten too; m_refs grows while this runs.
    for (std::size_t i = 0; i < m_refs.size(); ++i) {
        const std::string ref = m_refs[i].first;
        const std::string where = m_refs[i].second;
        if (ref.empty() || ref.front() != '#')
            fail(where, "only references inside the schema (\"#/…\") are supported, not \"" + ref + "\"");
        const std::string pointer = QUrl::fromPercentEncoding(QByteArray::fromStdString(ref.substr(1))).toStdString();
        m_refTargets.push_back(pointer);
        if (m_visited.count(pointer))
            continue;
        json *target = nullptr;
        try {
            target = &root.at(json::json_pointer(pointer));
        } catch (const json::exception &) {
            fail(where, "\"" + ref + "\" does not point into the schema");
        }
        visit(*target, pointer, 0);
    }
}

} // namespace hookscope
