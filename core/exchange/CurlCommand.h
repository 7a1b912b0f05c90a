#pragma once

#include "store/Event.h"

#include <QString>

namespace hookscope {

// A curl command line that sends a captured request again, byte for byte: the method, the
// request target as sent (--request-target, --path-as-is), every header in order with its
// duplicates, and the body. Safe to paste into a POSIX shell (bash, zsh, dash): arguments are
// single-quoted; a body with control or non-UTF-8 bytes is piped in from printf with octal
// escapes. curl's own headers (User-Agent, Accept, Content-Type for a body, Expect) are
// switched off when the original request did not have them.
class CurlCommand final
{
public:
    // baseUrl: scheme://host[:port] to send to; empty: where the request was sent
    // (HarEntryCodec::urlOf without the target).
    [[nodiscard]] static QString build(const Event &event, const QString &baseUrl = QString());
    // Empty when curl sends the headers in the original order; else what it changes. curl
    // (7.x, 8.x) writes a Host given with -H right after the request line and only the first
    // of several, so a request whose Host was not the first header, or that had two, cannot
    // be reproduced in that respect by any curl command line.
    [[nodiscard]] static QString orderCaveat(const Event &event);
    // 'text' with every ' as '\'' (POSIX shell).
    [[nodiscard]] static QString quote(const QByteArray &bytes);
};

} // namespace hookscope
