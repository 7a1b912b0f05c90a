#include "DefaultInspector.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace hookscope {

EnrichmentService::Inspector defaultInspector()
{
    return [](const Event &event) {
        EventInfo info;
        QJsonParseError error;
        const QByteArray &body = event.displayBody();
        QJsonDocument::fromJson(body, &error);
        if (body.isEmpty()) {
            info.validity = EventInfo::Validity::Unknown;
        } else if (error.error != QJsonParseError::NoError) {
            info.validity = EventInfo::Validity::NotJson;
            info.jsonError = QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset);
        } else {
            info.validity = EventInfo::Validity::Unknown;
        }
        return info;
    };
}

} // namespace hookscope
