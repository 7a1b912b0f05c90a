#include "EventInspector.h"

#include "Classifier.h"
#include "FormKind.h"
#include "JsonParse.h"
#include "JsonText.h"
#include "Kind.h"
#include "KindCatalog.h"
#include "SchemaRegistry.h"
#include "Validator.h"

#include <nlohmann/json.hpp>

namespace hookscope {

QString ValidationOutcome::statusName(Status status)
{
    switch (status) {
    case Status::Valid: return QStringLiteral("valid");
    case Status::Invalid: return QStringLiteral("invalid");
    case Status::Unknown: return QStringLiteral("unknown");
    case Status::NotJson: return QStringLiteral("not-json");
    }
    return QString();
}

EventInspector::EventInspector(std::shared_ptr<const KindCatalog> catalog)
    : m_catalog(std::move(catalog))
{
}

ValidationOutcome EventInspector::validateEvent(const SchemaRegistry &registry, const QByteArray &body,
                                                const QByteArray &target)
{
    return EventInspector(registry.catalog()).inspect(body, target);
}

namespace {

bool isBlank(const QByteArray &body)
{
    for (const char c : body) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return true;
}

} // namespace

bool EventInspector::parse(const QByteArray &body, nlohmann::json *document, ValidationOutcome *failure) const
{
    JsonParse::Result parsed = JsonParse::parse(body);
    if (parsed.ok) {
        *document = std::move(parsed.document);
        failure->outOfRange = std::move(parsed.outOfRange);
        return true;
    }
    failure->status = ValidationOutcome::Status::NotJson;
    const ParsedJson qt = JsonText::parse(JsonNumberRange::tamed(body));
    if (!qt.ok) {
        failure->parseError = qt.error;
        failure->parseErrorOffset = qt.offset;
    } else { // the parsers disagree (a byte order mark, for one): nlohmann's word
        failure->parseError = parsed.error;
        failure->parseErrorOffset = parsed.offset;
    }
    return false;
}

ValidationOutcome EventInspector::inspect(const QByteArray &body, const QByteArray &target,
                                          const QByteArray &contentType) const
{
    const Classifier classifier(m_catalog);
    const Classification routed = classifier.byRoute(QString::fromUtf8(target));
    ValidationOutcome outcome;
    outcome.classification = routed;
    const bool blank = isBlank(body);
    if (blank && !JsonText::declaresJson(contentType))
        return outcome; // nothing to validate: a ping, a GET
    nlohmann::json document;
    if (blank || !parse(body, &document, &outcome)) {
        if (blank) {
            outcome.status = ValidationOutcome::Status::NotJson;
            outcome.parseError = QStringLiteral("empty document");
            outcome.parseErrorOffset = 0;
        }
        outcome.kindId = routed.kindId;
        if (const auto kind = m_catalog->kind(routed.kindId)) {
            outcome.kindTitle = kind->title;
        } else if (!blank && routed.kindId.isEmpty() && FormKind::declaredBy(contentType)) {
            // A form no kind claims is meant not to be JSON: its own neutral kind, no warning.
            outcome.kindId = FormKind::id();
            outcome.kindTitle = FormKind::title();
            outcome.status = ValidationOutcome::Status::Unknown;
            outcome.parseError.clear();
            outcome.parseErrorOffset = -1;
        }
        return outcome;
    }
    return validate(routed.isKnown() ? routed : classifier.byShape(document), document, outcome.outOfRange);
}

ValidationOutcome EventInspector::inspectAs(const QString &kindId, const QByteArray &body) const
{
    ValidationOutcome outcome;
    const auto kind = m_catalog->kind(kindId);
    if (!kind)
        return outcome;
    const Classification forced{kindId, Classification::Reason::Forced, 1.0};
    nlohmann::json document;
    if (isBlank(body) || !parse(body, &document, &outcome)) {
        if (isBlank(body)) {
            outcome.status = ValidationOutcome::Status::NotJson;
            outcome.parseError = QStringLiteral("empty document");
            outcome.parseErrorOffset = 0;
        }
        outcome.classification = forced;
        outcome.kindId = kindId;
        outcome.kindTitle = kind->title;
        return outcome;
    }
    return validate(forced, document, outcome.outOfRange);
}

ValidationOutcome EventInspector::validate(Classification classification, const nlohmann::json &document,
                                            const QList<OutOfRangeNumber> &outOfRange) const
{
    ValidationOutcome outcome;
    outcome.classification = classification;
    outcome.outOfRange = outOfRange;
    const std::shared_ptr<const Kind> kind = m_catalog->kind(classification.kindId);
    if (!kind)
        return outcome;
    outcome.kindId = kind->id;
    outcome.kindTitle = kind->title;
    outcome.eventName = kind->eventName(document);
    outcome.entityId = kind->entityId(document);
    outcome.violations = Validator(kind->schema).validate(document);
    // Checked as ±1e308 above; said here, since no schema can ask for a number a double cannot hold.
    for (const OutOfRangeNumber &number : outOfRange)
        outcome.violations.append({number.pointer, JsonNumberRange::describe(number), QStringLiteral("numberRange")});
    outcome.status
        = outcome.violations.isEmpty() ? ValidationOutcome::Status::Valid : ValidationOutcome::Status::Invalid;
    return outcome;
}

} // namespace hookscope
