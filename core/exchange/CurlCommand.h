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
    // 'text' with every ' as '\'' (POSIX shell).
    [[nodiscard]] static QString quote(const QByteArray &bytes);
};

} // namespace hookscope
