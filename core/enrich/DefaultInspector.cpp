#include "DefaultInspector.h"

#include "schema/EventInspector.h"
#include "schema/InspectionBudget.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "translate/TranslationIndex.h"
#include "util/JsonNumberRange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

namespace {

EventInfo::Validity validityOf(ValidationOutcome::Status status)
{
    switch (status) {
    case ValidationOutcome::Status::Valid:
        return EventInfo::Validity::Valid;
    case ValidationOutcome::Status::Invalid:
        return EventInfo::Validity::Invalid;
    case ValidationOutcome::Status::NotJson:
        return EventInfo::Validity::NotJson;
    case ValidationOutcome::Status::Unknown:
        break;
    }
    return EventInfo::Validity::Unknown;
}

QByteArray violationsJson(const Violations &violations)
{
    QJsonArray array;
    for (const Violation &v : violations)
        array.append(QJsonObject{{QStringLiteral("pointer"), v.pointer},
                                 {QStringLiteral("message"), v.message},
                                 {QStringLiteral("keyword"), v.keyword}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

EventInfo inspectBody(const EventInspector &inspector, const Event &event)
{
    const QByteArray &body = event.displayBody();
    const ValidationOutcome outcome = inspector.inspect(body, event.target, event.contentType);
    EventInfo info;
    info.kind = outcome.kindId;
    info.eventName = outcome.eventName;
    info.entityId = outcome.entityId;
    info.validity = validityOf(outcome.status); // an empty body: Unknown, NotJson when declared JSON
    info.violationCount = int(outcome.violations.size());
    if (!outcome.violations.isEmpty())
        info.violationsJson = violationsJson(outcome.violations);
    if (outcome.status == ValidationOutcome::Status::NotJson) {
        info.jsonError = QStringLiteral("%1 at offset %2").arg(outcome.parseError).arg(outcome.parseErrorOffset);
    } else if (outcome.status != ValidationOutcome::Status::NotJson) {
        const TranslationSummary translations
            = TranslationIndex::summary(QJsonDocument::fromJson(JsonNumberRange::tamed(body)));
        info.languages = translations.languages;
        info.missingTranslations = translations.missingTranslations;
    }
    return info;
}

// Whatever one body does to the parsers, the classifier, the validator or the translations index
// (an exception, std::bad_alloc of its work, the time limit) ends as this event's result.
EventInfo inspectEvent(const EventInspector &inspector, const Event &event)
{
    try {
        return inspectBody(inspector, event);
    } catch (const InspectionBudget::Exceeded &e) {
        if (e.cancelled())
            throw; // shutting down: the event stays uninspected and is inspected at the next start
        return EventInfo::notInspectable(event.id, QString::fromUtf8(e.what()));
    } catch (const std::bad_alloc &) {
        return EventInfo::notInspectable(event.id, QStringLiteral("could not be inspected: out of memory"));
    } catch (const std::exception &e) {
        return EventInfo::notInspectable(event.id,
                                         QStringLiteral("could not be inspected: %1").arg(QString::fromUtf8(e.what())));
    }
}

// The app's kinds: built-ins plus the user's kinds folder, watched and reloaded on change.
// Created on first use on the calling (main) thread and kept for the process lifetime;
// catalog() is safe to call from the enrichment thread.
SchemaRegistry *appRegistry()
{
    static SchemaRegistry *registry = [] {
        auto *r = new SchemaRegistry;
        r->setUserKindsDirectory(SchemaRegistry::defaultUserKindsDirectory());
        return r;
    }();
    return registry;
}

} // namespace

EnrichmentService::Inspector inspectorFor(std::shared_ptr<const KindCatalog> catalog)
{
    auto inspector = std::make_shared<const EventInspector>(std::move(catalog));
    return [inspector](const Event &event) { return inspectEvent(*inspector, event); };
}

std::shared_ptr<const KindCatalog> appKindCatalog()
{
    return appRegistry()->catalog();
}

SchemaRegistry *appSchemaRegistry()
{
    return appRegistry();
}

EnrichmentService::Inspector defaultInspector()
{
    SchemaRegistry *registry = appRegistry();
    // A fresh snapshot per event: a kind dropped into the folder applies to the next event.
    return [registry](const Event &event) { return inspectEvent(EventInspector(registry->catalog()), event); };
}

} // namespace hookscope
