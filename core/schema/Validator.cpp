#include "Validator.h"

#include "CompiledSchema.h"
#include "InspectionBudget.h"
#include "JsonParse.h"
#include "JsonPointer.h"
#include "SchemaLog.h"
#include "ViolationTranslator.h"

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validation_visitor.hpp>

#include <string_view>

namespace hookscope {

namespace {

using json = nlohmann::json;

// Pointer to the first container nested deeper than maxDepth, or std::nullopt. Iterative: the
// point is not to recurse into what might be a hostile document. Tokens are only spelled out for
// the pointer once something is too deep.
std::optional<QString> tooDeep(const json &root, int maxDepth)
{
    if (!root.is_structured())
        return std::nullopt;
    struct Frame {
        const json *node;
        json::const_iterator next;
        std::size_t index; // of next, for arrays
    };
    std::vector<Frame> stack;
    stack.reserve(64);
    stack.push_back({&root, root.cbegin(), 0});
    while (!stack.empty()) {
        Frame &top = stack.back();
        if (top.next == top.node->cend()) {
            stack.pop_back();
            continue;
        }
        const json &child = *top.next;
        ++top.next;
        ++top.index;
        if (!child.is_structured())
            continue;
        if (stack.size() >= std::size_t(maxDepth)) {
            QStringList tokens;
            for (const Frame &frame : stack) {
                tokens.append(frame.node->is_object() ? QString::fromStdString(std::prev(frame.next).key())
                                                      : QString::number(frame.index - 1));
            }
            return JsonPointer::fromTokens(tokens);
        }
        stack.push_back({&child, child.cbegin(), 0});
    }
    return std::nullopt;
}

bool run(const valijson::Schema &schema, const json &document, valijson::ValidationResults *results)
{
    // valijson::Validator::validate() would start every context with "<root>", one more string
    // in each of the context copies valijson makes per visited value.
    std::unordered_map<std::string, std::regex> regexes; // unused: pattern is Hookscope's own
    const valijson::adapters::NlohmannJsonAdapter adapter(document);
    valijson::ValidationVisitor<valijson::adapters::NlohmannJsonAdapter> visitor(adapter, {}, true, results, regexes);
    return visitor.validateSchema(schema);
}

bool reportsExtraMember(const valijson::ValidationResults &results)
{
    for (const valijson::ValidationResults::Error &error : results) {
        if (error.description.rfind("Object contains a property that could not be validated", 0) == 0)
            return true;
    }
    return false;
}

} // namespace

Validator::Validator(std::shared_ptr<const CompiledSchema> schema)
    : m_schema(std::move(schema))
{
}

Violations Validator::validate(const QByteArray &text) const
{
    const JsonParse::Result parsed = JsonParse::parse(text);
    if (!parsed.ok) {
        return {{QString(), QStringLiteral("not JSON: %1 (byte %2)").arg(parsed.error).arg(parsed.offset + 1),
                 QStringLiteral("json")}};
    }
    Violations violations = validate(parsed.document);
    for (const OutOfRangeNumber &number : parsed.outOfRange)
        violations.append({number.pointer, JsonNumberRange::describe(number), QStringLiteral("numberRange")});
    return violations;
}

Violations Validator::validate(const json &document) const
{
    if (const std::optional<QString> pointer = tooDeep(document, kMaxDepth)) {
        return {{*pointer,
                 QStringLiteral("nested deeper than %1 levels: the document was not validated").arg(kMaxDepth),
                 QStringLiteral("maxDepth")}};
    }

    valijson::ValidationResults results;
    bool valid = false;
    try {
        valid = run(m_schema->schema(), document, &results);
        if (!valid && reportsExtraMember(results)) {
            results = valijson::ValidationResults();
            valid = run(m_schema->detailedSchema(), document, &results);
        }
    } catch (const InspectionBudget::Exceeded &) {
        throw; // the event's inspection ends here (EnrichmentWorker)
    } catch (const std::bad_alloc &) {
        throw; // not this schema's fault: the event is reported as not inspectable
    } catch (const std::exception &e) {
        qCWarning(lcSchema) << "validation aborted:" << e.what();
        return {{QString(), QStringLiteral("validation aborted: %1").arg(QString::fromUtf8(e.what())),
                 QStringLiteral("internal")}};
    }

    Violations violations = ViolationTranslator(document).translate(results);
    if (!valid && violations.isEmpty()) {
        // A failure valijson reports without a message (propertyNames, for one).
        violations.append(
            {QString(), QStringLiteral("the document does not match the schema"), QStringLiteral("schema")});
    }
    return violations;
}

} // namespace hookscope
