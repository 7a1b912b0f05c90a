#include "CompiledSchema.h"

#include "LeafConstraint.h"
#include "LeafRules.h"
#include "MetaSchema.h"
#include "SchemaBundler.h"
#include "SchemaLog.h"
#include "SchemaRewriter.h"
#include "Validator.h"

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

// valijson's words name no place ("Expected boolean value for 'uniqueItems' constraint."): find it
// by checking the schema against the draft-07 meta-schema, which names the pointer.
QString CompiledSchema::metaSchemaDiagnosis(const QByteArray &schemaJson, const QString &valijsonError)
{
    static thread_local bool compilingMeta = false; // should the meta-schema itself fail, no recursion
    if (compilingMeta)
        return valijsonError;
    static const std::shared_ptr<const CompiledSchema> meta = [] {
        compilingMeta = true;
        QString ignored;
        auto compiled = compile(*MetaSchema::document(QStringLiteral("http://json-schema.org/draft-07/schema")), &ignored);
        compilingMeta = false;
        return compiled;
    }();
    const Violations violations = meta ? Validator(meta).validate(schemaJson) : Violations();
    if (violations.isEmpty())
        return QStringLiteral("(root): not a schema Hookscope can use: %1").arg(valijsonError);
    const Violation &first = violations.first();
    return QStringLiteral("%1: not a draft-07 schema: %2")
        .arg(first.pointer.isEmpty() ? QStringLiteral("(root)") : first.pointer, first.message);
}

CompiledSchema::CompiledSchema() = default;
CompiledSchema::~CompiledSchema() = default;

std::shared_ptr<const CompiledSchema> CompiledSchema::compile(const QByteArray &schemaJson, QString *error,
                                                              Options options)
{
    nlohmann::json root;
    try {
        // nlohmann stops at a NUL byte as if the text ended there.
        if (const qsizetype nul = schemaJson.indexOf('\0'); nul >= 0) {
            *error = QStringLiteral("not JSON at byte %1: a NUL byte").arg(nul + 1);
            return nullptr;
        }
        root = nlohmann::json::parse(schemaJson.begin(), schemaJson.end());
    } catch (const nlohmann::json::parse_error &e) {
        *error = QStringLiteral("not JSON at byte %1").arg(e.byte);
        return nullptr;
    } catch (const nlohmann::json::exception &e) { // out_of_range.406: a number beyond double range
        *error = QStringLiteral("(root): a number Hookscope cannot read: %1").arg(QString::fromUtf8(e.what()));
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
    SchemaBundler bundler(options.loadDocument);
    try {
        bundler.bundle(root);
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
    } catch (const SchemaError &e) {
        *error = QString::fromStdString(bundler.originalPlace(e.what()));
        qCDebug(lcSchema) << "schema refused:" << *error;
        return nullptr;
    } catch (const std::exception &e) {
        *error = metaSchemaDiagnosis(schemaJson, QString::fromUtf8(e.what()));
        qCDebug(lcSchema) << "schema refused:" << *error;
        return nullptr;
    }
    return compiled;
}

} // namespace hookscope
