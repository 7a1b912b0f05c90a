#pragma once

#include "event/HttpMessage.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace hookscope {

// What happened when an event was forwarded to the local app (the `event_forward` table):
// the app's status and latency, or why it could not be reached.
struct ForwardRecord
{
    qint64 id = 0; // the event's id
    QString url; // where it was sent
    qint64 forwardedAtMs = 0; // UTC
    int status = 0; // 0 when no response came
    qint64 latencyUs = -1;
    QString error;
    HeaderList responseHeaders;
    QByteArray responseBody;

    [[nodiscard]] bool ok() const { return error.isEmpty() && status > 0; }
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::ForwardRecord)
