// libFuzzer target: the inspection path on arbitrary bytes, as a captured body meets it. Parse
// (JsonParse, with numbers beyond a double), classify (by route and by shape), validate against a
// user schema that uses every leaf keyword (pattern, patternProperties, formats, bounds) and
// against none, name the event, index translations, and what the window shows of the body (the
// Tree tab's seed, the Body tab's format) and the Diff tab's comparison. Any crash, sanitizer
// report, std::abort (an exception leaving the path: std::terminate) or hang is a finding.
#include "diff/JsonDiff.h"
#include "schema/CompiledSchema.h"
#include "schema/EventInspector.h"
#include "schema/InspectionBudget.h"
#include "schema/JsonParse.h"
#include "schema/Kind.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "translate/TranslationIndex.h"
#include "util/JsonNumberRange.h"

#include "../../ui/text/BodyFormatter.h"
#include "../../ui/text/JsonTreeSeed.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

namespace hookscope {
// EventInspector::validateEvent's registry is not linked here (it watches folders); the target
// builds its catalog itself.
std::shared_ptr<const KindCatalog> SchemaRegistry::catalog() const
{
    return nullptr;
}
} // namespace hookscope

using namespace hookscope;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

std::shared_ptr<const Kind> kind(const QString &id, const QByteArray &schemaJson, const QStringList &routes,
                                 const KindMatch &match)
{
    QString error;
    auto schema = CompiledSchema::compile(schemaJson, &error);
    check(schema != nullptr);
    auto k = std::make_shared<Kind>();
    k->id = id;
    k->title = id;
    k->origin = Kind::Origin::User;
    k->routes = routes;
    k->match = match;
    k->eventNamePointer = QStringLiteral("/event");
    k->entityIdPointers = {QStringLiteral("/id"), QStringLiteral("/object/uid")};
    k->schema = std::move(schema);
    return k;
}

const std::shared_ptr<const KindCatalog> &catalog()
{
    static const std::shared_ptr<const KindCatalog> c = [] {
        // A user schema with the keywords Hookscope checks itself and some valijson keeps.
        const QByteArray user = R"({
          "type": "object",
          "required": ["event"],
          "properties": {
            "event": {"type": "string", "enum": ["created", "updated", "deleted"]},
            "id": {"type": ["string", "integer"], "pattern": "^[a-z0-9_-]{1,32}$", "maxLength": 64},
            "at": {"type": "string", "format": "date-time"},
            "day": {"type": "string", "format": "date"},
            "n": {"type": "number", "minimum": -1e308, "maximum": 1e308, "multipleOf": 0.01},
            "count": {"type": "integer", "exclusiveMinimum": 0},
            "tags": {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 8, "uniqueItems": true},
            "object": {"type": "object", "properties": {"uid": {"const": "x"}}, "additionalProperties": false},
            "any": {"anyOf": [{"type": "null"}, {"$ref": "#/definitions/node"}]}
          },
          "patternProperties": {"^x-[a-z]+$": {"type": "string"}, "^[0-9]+$": {"type": "boolean"}},
          "additionalProperties": {"type": ["number", "string", "array", "object", "null", "boolean"]},
          "definitions": {"node": {"type": "object", "properties": {"next": {"$ref": "#/definitions/node"}}}}
        })";
        KindMatch byShape;
        byShape.required = {QStringLiteral("event")};
        KindMatch none;
        none.minScore = 2; // routed only
        QList<std::shared_ptr<const Kind>> kinds{
            kind(QStringLiteral("user"), user, {QStringLiteral("/user")}, byShape),
            kind(QStringLiteral("open"), "{}", {QStringLiteral("/open")}, none),
        };
        return std::make_shared<const KindCatalog>(kinds, QHash<QString, QString>{}, QStringList{});
    }();
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));

    // The stand-ins keep every byte offset.
    QByteArray tamed = body;
    (void)JsonNumberRange::tame(&tamed);
    check(tamed.size() == body.size());

    const JsonParse::Result parsed = JsonParse::parse(body);
    check(parsed.ok || !parsed.error.isEmpty());

    // Under a budget as in the app (EnrichmentWorker): an input that is merely slow ends there,
    // any other exception leaving the inspector is a finding (std::terminate).
    try {
        const InspectionBudget::Scope budget(std::chrono::milliseconds(2000), nullptr);
        const EventInspector inspector(catalog());
        for (const char *target : {"/user", "/"}) { // routed to the user schema; by shape
            const ValidationOutcome outcome = inspector.inspect(body, target);
            check(outcome.status != ValidationOutcome::Status::Invalid || !outcome.violations.isEmpty());
            check(outcome.status != ValidationOutcome::Status::NotJson || !outcome.parseError.isEmpty());
        }
        (void)inspector.inspectAs(QStringLiteral("open"), body); // a schema that accepts anything
    } catch (const InspectionBudget::Exceeded &) {
    }

    QString error;
    (void)TranslationIndex::fromJson(body, {QStringLiteral("en")}, &error);
    (void)TranslationIndex::summary(QJsonDocument::fromJson(JsonNumberRange::tamed(body)));

    const JsonTreeSeed seed = JsonTreeSeed::build(body, 64);
    check(seed.keys.size() == seed.members.size());
    (void)BodyFormatter::format(body, "application/json");

    QList<JsonDiff::Change> changes;
    (void)JsonDiff::compare(body, R"({"event":"created","id":"a"})", &changes, &error);
    return 0;
}
