#pragma once

#include "event/HttpMessage.h"

#include <QByteArray>
#include <QString>

namespace hookscope {

// What a replay or a forward got back from its target. `error` is set (and status 0) when
// no complete response arrived: refused, unknown host, timeout, malformed answer.
struct ReplayResult
{
    int status = 0;
    QByteArray reason; // the status line's reason phrase, as sent
    HeaderList headers;
    QByteArray body; // chunked framing removed, content-encoding kept
    qint64 latencyUs = -1; // connect → complete response (or → failure)
    QString error;

    [[nodiscard]] bool ok() const { return error.isEmpty() && status > 0; }
    // The answer to pass on as ours (a held hook answered with the local app's answer):
    // status, headers and body; framing headers are rewritten by HttpResponse::serialize.
    [[nodiscard]] HttpResponse asResponse() const { return HttpResponse{status, headers, body}; }
};

} // namespace hookscope
