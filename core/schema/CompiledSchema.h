#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace valijson {
class Schema;
}

namespace hookscope {

struct LeafRules;

// One JSON Schema (draft-07), parsed once into valijson's form plus Hookscope's own rules.
// Immutable after compile(): share it between threads through the shared_ptr and validate with
// a Validator per call.
class CompiledSchema final {
public:
    ~CompiledSchema();
    CompiledSchema(const CompiledSchema &) = delete;
    CompiledSchema &operator=(const CompiledSchema &) = delete;

    struct Options {
        // Check leaf-only subtrees in Hookscope's own pass (SchemaRewriter); off only to prove,
        // in tests, that the result is the same.
        bool inlineLeaves = true;
        // The document a "$ref" outside the schema names (absolute URI without fragment), nullopt
        // when unknown. Unset: only the draft-07 meta-schema is known; the suite's tests set it.
        std::function<std::optional<QByteArray>(const QString &uri)> loadDocument;
    };

    // nullptr with *error set ("/properties/a/pattern: invalid regular expression …") when the
    // text is not JSON or not a schema Hookscope can use (remote $refs, a $ref cycle, for instance).
    [[nodiscard]] static std::shared_ptr<const CompiledSchema> compile(const QByteArray &schemaJson, QString *error,
                                                                       Options options);
    [[nodiscard]] static std::shared_ptr<const CompiledSchema> compile(const QByteArray &schemaJson, QString *error)
    {
        return compile(schemaJson, error, Options());
    }

    // Valid documents are checked against schema(), which keeps valijson's own
    // additionalProperties: false (a member count, no per-member work). When it reports an extra
    // member, detailedSchema() names every one of them.
    [[nodiscard]] const valijson::Schema &schema() const { return *m_schema; }
    [[nodiscard]] const valijson::Schema &detailedSchema() const { return *m_detailedSchema; }
    [[nodiscard]] QString title() const { return m_title; }
    // The top-level "required" list, the default shape a Classifier scores against.
    [[nodiscard]] QStringList topLevelRequired() const { return m_topLevelRequired; }

private:
    CompiledSchema();
    [[nodiscard]] static QString metaSchemaDiagnosis(const QByteArray &schemaJson, const QString &valijsonError);

    QString m_title;
    QStringList m_topLevelRequired;
    std::vector<std::unique_ptr<LeafRules>> m_rules; // referenced by the constraints in m_schema
    std::unique_ptr<valijson::Schema> m_schema;
    std::unique_ptr<valijson::Schema> m_detailedSchema;
};

} // namespace hookscope
