#include "DefaultInspector.h"

#include "translate/TranslationIndex.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace hookscope {

EnrichmentService::Inspector defaultInspector()
{
    return [](const Event &event) {
        EventInfo info;
        QJsonParseError error;
        const QByteArray &body = event.displayBody();
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (body.isEmpty()) {
            info.validity = EventInfo::Validity::Unknown;
        } else if (error.error != QJsonParseError::NoError) {
            info.validity = EventInfo::Validity::NotJson;
            info.jsonError = QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset);
        } else {
            info.validity = EventInfo::Validity::Unknown;
            const TranslationSummary translations = TranslationIndex::summary(document);
            info.languages = translations.languages;
            info.missingTranslations = translations.missingTranslations;
        }
        return info;
    };
}

} // namespace hookscope
