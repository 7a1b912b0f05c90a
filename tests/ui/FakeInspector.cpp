#include "FakeInspector.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QThread>

#include <algorithm>

namespace hookscope {

EventInfo FakeInspector::inspect(const Event &event)
{
    EventInfo info;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(event.displayBody(), &error);
    if (error.error != QJsonParseError::NoError) {
        info.validity = EventInfo::Validity::NotJson;
        info.jsonError = error.errorString();
        return info;
    }
    const QJsonObject body = doc.object();
    info.kind = body.value(QLatin1String("kind")).toString();
    if (info.kind.isEmpty()) {
        info.validity = EventInfo::Validity::Unknown;
        return info;
    }
    // "slowUs": an inspection that takes this long (at most 10 ms), for tests that watch a backlog run.
    if (const int slowUs = body.value(QLatin1String("slowUs")).toInt(); slowUs > 0)
        QThread::usleep(std::min(slowUs, 10'000));
    info.eventName = body.value(QLatin1String("event")).toString();
    info.entityId = body.value(QLatin1String("id")).toString();
    if (body.value(QLatin1String("bad")).toBool()) {
        info.validity = EventInfo::Validity::Invalid;
        info.violationCount = 1;
        info.violationsJson = R"([{"pointer":"/data/x","message":"must be a <b>number</b>","keyword":"type"}])";
    } else {
        info.validity = EventInfo::Validity::Valid;
    }
    return info;
}

} // namespace hookscope
