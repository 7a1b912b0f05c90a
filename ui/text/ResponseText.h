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
    // "3.2 ms", "1.20 s"; empty for a negative duration.
    [[nodiscard]] static QString latency(qint64 us);
    // Body bytes as text: UTF-8 when valid, else printable ASCII with \xNN escapes.
    [[nodiscard]] static QString bodyText(const QByteArray &body);
    [[nodiscard]] static bool isText(const QByteArray &body);
};

} // namespace hookscope
