#pragma once

#include "event/HttpMessage.h"

#include <QString>

namespace hookscope {

// A response as a person reads it, for side-by-side comparison: the status line, the header
// fields in order, a blank line and the body (bytes that are not UTF-8 are shown as \xNN).
class ResponseText final
{
public:
    [[nodiscard]] static QString format(int status, const QByteArray &reason, const HeaderList &headers,
                                        const QByteArray &body);
    // The header fields of Hookscope's own answer as they went on the wire: the framing fields
    // the answer named are replaced by the Content-Length the receiver writes (HttpResponse::
    // serialize), so what is shown is what was sent (issue 24.23).
    [[nodiscard]] static HeaderList sentHeaders(const HttpResponse &response);
    // "3.2 ms", "1.20 s"; empty for a negative duration.
    [[nodiscard]] static QString latency(qint64 us);
    // Body bytes as text: UTF-8 when valid, else printable ASCII with \xNN escapes.
    [[nodiscard]] static QString bodyText(const QByteArray &body);
    [[nodiscard]] static bool isText(const QByteArray &body);
};

} // namespace hookscope
