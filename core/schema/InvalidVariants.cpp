#include "InvalidVariants.h"

#include "JsonPointer.h"
#include "Validator.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>

namespace hookscope {

namespace {

using Doc = nlohmann::ordered_json; // the body keeps its member order
using Schema = nlohmann::json;

// Past this many values nobody reads the summary; a hostile sample stops here.
constexpr std::size_t kMaxSites = 4000;
// A string made longer than maxLength is skipped above this: the body would be the variant's size.
constexpr std::uint64_t kMaxMadeLength = 65536;

struct Site
{
    std::vector<std::string> tokens;
    std::vector<const Schema *> schemas; // the subschema and what its $refs and allOf bring in
};

// A change to one value (or the removal of one member of an object) of the body.
struct Edit
{
    QString change;
    bool remove = false;
    std::string member; // with remove: the member taken out of the object at the site
    Doc value;
};

QString quoted(const std::string &text)
{
    return u'\'' + QString::fromStdString(text) + u'\'';
}

Doc numberValue(double value, bool integer)
{
    if (integer && std::abs(value) < 9.0e15)
        return Doc(static_cast<std::int64_t>(value));
    return Doc(value);
}

class Walker
{
public:
    explicit Walker(const Schema &root)
        : m_root(root)
    {
    }

    void walk(const Schema &node, const Doc &value, const std::vector<std::string> &tokens, int depth)
    {
        if (depth > InvalidVariants::kMaxDepth || m_sites.size() >= kMaxSites)
            return;
        Site site{tokens, {}};
        collect(node, site.schemas, 0);
        m_sites.push_back(site);
        const std::vector<const Schema *> schemas = site.schemas;
        if (value.is_object()) {
            for (const auto &[name, member] : value.items()) {
                for (const Schema *schema : schemas) {
                    const auto properties = schema->find("properties");
                    if (properties == schema->end() || !properties->is_object())
                        continue;
                    if (const auto sub = properties->find(name); sub != properties->end() && sub->is_object()) {
                        std::vector<std::string> next = tokens;
                        next.push_back(name);
                        walk(*sub, member, next, depth + 1);
                    }
                }
            }
        } else if (value.is_array() && !value.empty()) {
            for (const Schema *schema : schemas) {
                if (const auto items = schema->find("items"); items != schema->end() && items->is_object()) {
                    std::vector<std::string> next = tokens;
                    next.push_back("0");
                    walk(*items, value.front(), next, depth + 1);
                }
            }
        }
    }

    [[nodiscard]] const std::vector<Site> &sites() const { return m_sites; }

private:
    void collect(const Schema &node, std::vector<const Schema *> &out, int depth)
    {
        if (!node.is_object() || depth > InvalidVariants::kMaxDepth || out.size() >= 64)
            return;
        out.push_back(&node);
        if (const auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
            const std::string text = ref->get<std::string>();
            if (text.rfind('#', 0) == 0) { // only local references: others are the compiled schema's business
                try {
                    const Schema::json_pointer pointer(text.substr(1));
                    if (m_root.contains(pointer))
                        collect(m_root.at(pointer), out, depth + 1);
                } catch (const nlohmann::json::exception &) {
                    // not a JSON pointer ("#anchor"): nothing to follow
                }
            }
        }
        if (const auto all = node.find("allOf"); all != node.end() && all->is_array()) {
            for (const Schema &part : *all)
                collect(part, out, depth + 1);
        }
    }

    const Schema &m_root;
    std::vector<Site> m_sites;
};

std::vector<std::string> declaredTypes(const Site &site)
{
    std::vector<std::string> types;
    for (const Schema *schema : site.schemas) {
        const auto type = schema->find("type");
        if (type == schema->end())
            continue;
        if (type->is_string())
            types.push_back(type->get<std::string>());
        else if (type->is_array())
            for (const Schema &t : *type)
                if (t.is_string())
                    types.push_back(t.get<std::string>());
    }
    return types;
}

bool allows(const std::vector<std::string> &types, const char *type)
{
    return std::find(types.begin(), types.end(), type) != types.end();
}

std::optional<double> numberKeyword(const Site &site, const char *keyword)
{
    for (const Schema *schema : site.schemas)
        if (const auto it = schema->find(keyword); it != schema->end() && it->is_number())
            return it->get<double>();
    return std::nullopt;
}

std::optional<std::uint64_t> lengthKeyword(const Site &site, const char *keyword)
{
    for (const Schema *schema : site.schemas)
        if (const auto it = schema->find(keyword); it != schema->end() && it->is_number_unsigned())
            return it->get<std::uint64_t>();
    return std::nullopt;
}

const Schema *keyword(const Site &site, const char *name)
{
    for (const Schema *schema : site.schemas)
        if (const auto it = schema->find(name); it != schema->end())
            return &*it;
    return nullptr;
}

// A string of exactly `length` code points, made from the value's own text where there is one.
std::string stringOfLength(const Doc &value, std::uint64_t length, char32_t filler)
{
    const QList<uint> own = value.is_string() ? QString::fromStdString(value.get<std::string>()).toUcs4() : QList<uint>();
    QString out;
    for (std::uint64_t i = 0; i < length; ++i) {
        const char32_t c = own.isEmpty() || filler != 0 ? filler : char32_t(own.at(qsizetype(i % std::uint64_t(own.size()))));
        out += QString::fromUcs4(&c, 1);
    }
    return out.toStdString();
}

std::vector<Edit> edits(const QString &constraint, const Site &site, const Doc &value)
{
    std::vector<Edit> out;
    const std::vector<std::string> types = declaredTypes(site);
    const bool integerOnly = allows(types, "integer") && !allows(types, "number");
    const auto set = [&](const QString &change, Doc v) { out.push_back({change, false, {}, std::move(v)}); };
    if (constraint == QLatin1String("missing required")) {
        if (!value.is_object())
            return out;
        for (const Schema *schema : site.schemas)
            if (const auto required = schema->find("required"); required != schema->end() && required->is_array())
                for (const Schema &name : *required)
                    if (name.is_string() && value.contains(name.get<std::string>()))
                        out.push_back({QStringLiteral("removed %1").arg(quoted(name.get<std::string>())), true,
                                       name.get<std::string>(), {}});
    } else if (constraint == QLatin1String("wrong type")) {
        if (types.empty() || site.tokens.empty())
            return out;
        if (!allows(types, "string"))
            set(QStringLiteral("a string instead of %1").arg(QString::fromStdString(value.type_name())), Doc("hookscope"));
        if (!allows(types, "number") && !allows(types, "integer"))
            set(QStringLiteral("a number instead of %1").arg(QString::fromStdString(value.type_name())), Doc(12345));
        if (!allows(types, "boolean"))
            set(QStringLiteral("a boolean instead of %1").arg(QString::fromStdString(value.type_name())), Doc(true));
        if (!allows(types, "object"))
            set(QStringLiteral("an object instead of %1").arg(QString::fromStdString(value.type_name())), Doc::object());
    } else if (constraint == QLatin1String("too long")) {
        if (const auto max = lengthKeyword(site, "maxLength"); max && *max < kMaxMadeLength && value.is_string()) {
            for (const char32_t filler : {char32_t(0), U'a', U'0'})
                set(QStringLiteral("%1 characters (maxLength %2)").arg(*max + 1).arg(*max), Doc(stringOfLength(value, *max + 1, filler)));
        }
    } else if (constraint == QLatin1String("too short")) {
        if (const auto min = lengthKeyword(site, "minLength"); min && *min > 0 && *min <= kMaxMadeLength && value.is_string()) {
            for (const char32_t filler : {char32_t(0), U'a', U'0'})
                set(QStringLiteral("%1 characters (minLength %2)").arg(*min - 1).arg(*min), Doc(stringOfLength(value, *min - 1, filler)));
        }
    } else if (constraint == QLatin1String("above maximum")) {
        if (const auto max = numberKeyword(site, "maximum"))
            set(QStringLiteral("%1 (maximum %2)").arg(std::floor(*max) + 1).arg(*max), numberValue(std::floor(*max) + 1, integerOnly || *max == std::floor(*max)));
        if (const auto max = numberKeyword(site, "exclusiveMaximum"))
            set(QStringLiteral("%1 (exclusiveMaximum %1)").arg(std::ceil(*max)), numberValue(std::ceil(*max), true));
    } else if (constraint == QLatin1String("below minimum")) {
        if (const auto min = numberKeyword(site, "minimum"))
            set(QStringLiteral("%1 (minimum %2)").arg(std::ceil(*min) - 1).arg(*min), numberValue(std::ceil(*min) - 1, integerOnly || *min == std::ceil(*min)));
        if (const auto min = numberKeyword(site, "exclusiveMinimum"))
            set(QStringLiteral("%1 (exclusiveMinimum %1)").arg(std::floor(*min)), numberValue(std::floor(*min), true));
    } else if (constraint.startsWith(QLatin1String("bad "))) {
        const Schema *format = keyword(site, "format");
        const std::string wanted = constraint.mid(4).toStdString();
        if (!format || !format->is_string() || format->get<std::string>() != wanted)
            return out;
        if (wanted == "date-time") {
            set(QStringLiteral("\"2026-13-45T25:61:00Z\" (format date-time)"), Doc("2026-13-45T25:61:00Z"));
            set(QStringLiteral("\"yesterday\" (format date-time)"), Doc("yesterday"));
        } else if (wanted == "date") {
            set(QStringLiteral("\"2026-02-30\" (format date)"), Doc("2026-02-30"));
        } else {
            set(QStringLiteral("\"25:61:00Z\" (format time)"), Doc("25:61:00Z"));
        }
    } else if (constraint == QLatin1String("not in enum")) {
        if (const Schema *values = keyword(site, "enum"); values && values->is_array()) {
            set(QStringLiteral("\"hookscope-not-in-enum\" (enum of %1)").arg(values->size()), Doc("hookscope-not-in-enum"));
            double highest = 0;
            for (const Schema &v : *values)
                if (v.is_number())
                    highest = std::max(highest, v.get<double>());
            set(QStringLiteral("%1 (enum of %2)").arg(std::floor(highest) + 1).arg(values->size()), numberValue(std::floor(highest) + 1, true));
        }
    } else if (constraint == QLatin1String("not the constant")) {
        if (const Schema *constant = keyword(site, "const")) {
            if (constant->is_string())
                set(QStringLiteral("\"%1-x\" (const)").arg(QString::fromStdString(constant->get<std::string>())), Doc(constant->get<std::string>() + "-x"));
            else if (constant->is_number())
                set(QStringLiteral("const + 1"), Doc(constant->get<double>() + 1));
            else if (constant->is_boolean())
                set(QStringLiteral("%1 (const)").arg(constant->get<bool>() ? QStringLiteral("false") : QStringLiteral("true")), Doc(!constant->get<bool>()));
        }
    } else if (constraint == QLatin1String("pattern mismatch")) {
        const Schema *pattern = keyword(site, "pattern");
        if (!pattern || !pattern->is_string() || !value.is_string())
            return out;
        const std::string own = value.get<std::string>();
        for (const std::string &candidate : {own + "!", std::string("!"), std::string(), std::string("hookscope"),
                                             std::string("0"), std::string(" ") + own, QString::fromStdString(own).left(QString::fromStdString(own).size() / 2).toStdString()})
            set(QStringLiteral("\"%1\" (pattern %2)").arg(QString::fromStdString(candidate), QString::fromStdString(pattern->get<std::string>())), Doc(candidate));
    }
    return out;
}

QString sitePointer(const std::vector<std::string> &tokens)
{
    QStringList list;
    for (const std::string &t : tokens)
        list.append(QString::fromStdString(t));
    return JsonPointer::fromTokens(list);
}

} // namespace

QStringList InvalidVariants::constraints()
{
    return {QStringLiteral("missing required"), QStringLiteral("wrong type"),      QStringLiteral("too long"),
            QStringLiteral("too short"),        QStringLiteral("above maximum"),   QStringLiteral("below minimum"),
            QStringLiteral("bad date-time"),    QStringLiteral("bad date"),        QStringLiteral("bad time"),
            QStringLiteral("not in enum"),      QStringLiteral("not the constant"), QStringLiteral("pattern mismatch")};
}

QList<InvalidVariant> InvalidVariants::generate(const QByteArray &schemaJson,
                                                const std::shared_ptr<const CompiledSchema> &schema,
                                                const QByteArray &validBody, QString *error)
{
    if (!schema) {
        *error = QStringLiteral("the kind has no usable schema");
        return {};
    }
    const Schema root = Schema::parse(schemaJson.constBegin(), schemaJson.constEnd(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        *error = QStringLiteral("the kind's schema is not a JSON object");
        return {};
    }
    Doc body;
    try {
        body = Doc::parse(validBody.constBegin(), validBody.constEnd(), nullptr, false);
    } catch (const nlohmann::json::exception &e) { // a number beyond a double still throws
        *error = QStringLiteral("the body is not JSON: %1").arg(QString::fromUtf8(e.what()));
        return {};
    }
    if (body.is_discarded()) {
        *error = QStringLiteral("the body is not JSON");
        return {};
    }
    const Validator validator(schema);
    if (const Violations already = validator.validate(validBody); !already.isEmpty()) {
        *error = QStringLiteral("the body already breaks its schema (%1: %2), so no variant could break exactly one rule")
                     .arg(already.first().pointer.isEmpty() ? QStringLiteral("(root)") : already.first().pointer,
                          already.first().message);
        return {};
    }

    QList<InvalidVariant> variants;
    // Defence in depth: every access above is checked, but a hostile schema must end in a message.
    try {
        Walker walker(root);
        walker.walk(root, body, {}, 0);
        int tries = 0;
        for (const QString &constraint : constraints()) {
            bool found = false;
            const int budgetEnd = std::min(kMaxCandidates, tries + kMaxCandidatesEach); // one constraint cannot starve the next
            for (const Site &site : walker.sites()) {
                if (found || tries >= budgetEnd)
                    break;
                Doc::json_pointer pointer;
                for (const std::string &t : site.tokens)
                    pointer.push_back(t);
                const Doc &value = body.at(pointer);
                for (const Edit &edit : edits(constraint, site, value)) {
                    if (++tries > budgetEnd)
                        break;
                    Doc changed = body;
                    if (edit.remove)
                        changed.at(pointer).erase(edit.member);
                    else
                        changed.at(pointer) = edit.value;
                    const QByteArray bytes =
                        QByteArray::fromStdString(changed.dump(2, ' ', false, Doc::error_handler_t::replace)) + '\n';
                    const Violations violations = validator.validate(bytes);
                    if (violations.size() != 1)
                        continue; // breaks no rule, or more than one: not a variant of one constraint
                    variants.append({constraint, sitePointer(site.tokens), edit.change, bytes, violations.first()});
                    found = true;
                    break;
                }
            }
        }
    } catch (const nlohmann::json::exception &e) {
        *error = QStringLiteral("the schema could not be walked: %1").arg(QString::fromUtf8(e.what()));
        return {};
    }
    return variants;
}

} // namespace hookscope
