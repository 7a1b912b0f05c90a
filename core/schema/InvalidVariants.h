#pragma once

#include "Violation.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace hookscope {

class CompiledSchema;

// One request body that breaks exactly one constraint of its kind's schema.
struct InvalidVariant
{
    QString constraint; // "missing required", "wrong type", "too long", … (kConstraints)
    QString pointer; // where in the body: the value changed, or the object a member was taken from
    QString change; // plain words: "removed 'caseId'", "set to 1440 (maximum 1439)"
    QByteArray body;
    Violation violation; // the one the validator reports for it
};

// `hookscope send --invalid`: schema-guided variants of a valid body, one per kind of constraint
// the schema documents for a value the body holds (a required member left out, a value of another
// type, a string longer than maxLength, a number beyond its bounds, a malformed date-time, a value
// outside the enum, a string that misses the pattern, …). The schema is walked as written
// (properties, items, local $refs and allOf); every candidate is checked with the kind's compiled
// schema, and only one the validator finds exactly one violation in is kept, so a variant never
// breaks two rules at once. Bounded: a hostile schema or sample gives at most kMaxCandidates tries.
class InvalidVariants final
{
public:
    InvalidVariants() = delete;

    static constexpr int kMaxCandidates = 400;
    static constexpr int kMaxCandidatesEach = 60;
    static constexpr int kMaxDepth = 48;

    // The constraint names, in the order variants are made.
    [[nodiscard]] static QStringList constraints();

    // Empty with *error when the schema or the body is not JSON (or the body already breaks the
    // schema: a variant could then not break exactly one rule).
    [[nodiscard]] static QList<InvalidVariant> generate(const QByteArray &schemaJson,
                                                        const std::shared_ptr<const CompiledSchema> &schema,
                                                        const QByteArray &validBody, QString *error);
};

} // namespace hookscope
