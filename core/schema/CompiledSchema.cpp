#include "CompiledSchema.h"

#include "LeafConstraint.h"
#include "LeafRules.h"
#include "SchemaLog.h"
#include "SchemaRewriter.h"

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>

namespace hookscope {

namespace {

// Turns "x-hookscope-leaf": <index> back into the rules SchemaRewriter set aside.
class LeafConstraintBuilder final : public valijson::ConstraintBuilder {
public:
    explicit LeafConstraintBuilder(const std::vector<std::unique_ptr<LeafRules>> *rules)
        : m_rules(rules)
    {
    }

    valijson::constraints::Constraint *make(const valijson::adapters::Adapter &value) const override
    {
        std::int64_t index = -1;
        if (!value.isInteger() || !value.getInteger(index) || index < 0 || std::size_t(index) >= m_rules->size())
            throw SchemaError(std::string("bad ") + SchemaRewriter::kLeafKeyword);
        return new LeafConstraint((*m_rules)[std::size_t(index)].get());
    }

private:
    const std::vector<std::unique_ptr<LeafRules>> *m_rules; // not owned
};

} // namespace

CompiledSchema::CompiledSchema() = default;
CompiledSchema::~CompiledSchema() = default;

std::shared_ptr<const CompiledSchema> CompiledSchema::compile(const QByteArray &schemaJson, QString *error,
                                                              Options options)
{
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(schemaJson.begin(), schemaJson.end());
    } catch (const nlohmann::json::parse_error &e) {
        *error = QStringLiteral("not JSON at byte %1").arg(e.byte);
        return nullptr;
    } catch (const nlohmann::json::exception &e) { // out_of_range.406: a number beyond a double
        *error = QString::fromUtf8(e.what());
        return nullptr;
    }
    if (!root.is_object() && !root.is_boolean()) {
        *error = QStringLiteral("a schema must be a JSON object or boolean");
        return nullptr;
    }

    std::shared_ptr<CompiledSchema> compiled(new CompiledSchema);
    if (root.is_object()) {
        if (const auto title = root.find("title"); title != root.end() && title->is_string())
            compiled->m_title = QString::fromStdString(title->get<std::string>());
        if (const auto required = root.find("required"); required != root.end() && required->is_array()) {
            for (const nlohmann::json &name : *required) {
                if (name.is_string())
                    compiled->m_topLevelRequired.append(QString::fromStdString(name.get<std::string>()));
            }
        }
    }
    try {
        for (const SchemaRewriter::Mode mode : {SchemaRewriter::Mode::Fast, SchemaRewriter::Mode::Detailed}) {
            nlohmann::json rewritten = root;
            SchemaRewriter(&compiled->m_rules, mode, options.inlineLeaves).rewrite(rewritten);
            valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
            parser.addConstraintBuilder(SchemaRewriter::kLeafKeyword, new LeafConstraintBuilder(&compiled->m_rules));
            auto schema = std::make_unique<valijson::Schema>();
            const valijson::adapters::NlohmannJsonAdapter adapter(rewritten);
            parser.populateSchema(adapter, *schema);
            (mode == SchemaRewriter::Mode::Fast ? compiled->m_schema : compiled->m_detailedSchema) = std::move(schema);
        }
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        qCDebug(lcSchema) << "schema refused:" << *error;
        return nullptr;
    }
    return compiled;
}

} // namespace hookscope
