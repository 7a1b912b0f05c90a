#pragma once

#include "event/Event.h"

#include <QString>

namespace hookscope {

// A curl command line that sends a captured request again, byte for byte: the method, the
// request target as sent (--request-target, --path-as-is), every header in order with its
// duplicates, and the body. Every byte came from a sender, so the command is built for the
// shell it is pasted into, whichever that is: only POSIX quoting, identical in dash, bash and
// zsh. An argument is single-quoted when all of it is safe to show in a terminal; else it is
// "$(printf '…')" with octal escapes. A body goes as one quoted argument when it is short and
// shows safely, else it is piped in from printf (--data-binary @-): any bytes, NUL and trailing
// newlines included. The URL comes first after --url (never taken for an option) and only
// says where to connect; it is the given base or one built from what was checked (see
// originalBase), never a sender's header as it stands. curl's own headers (User-Agent, Accept,
// Content-Type for a body, Expect) are switched off when the original request lacked them.
class CurlCommand final
{
public:
    // baseUrl: scheme://host[:port] to send to; empty: originalBase(event).
    [[nodiscard]] static QString build(const Event &event, const QString &baseUrl = QString());
    // Where the request was sent, from the parts a sender cannot turn into something else:
    // https only when X-Forwarded-Proto is exactly "https", the host (X-Forwarded-Host, else
    // Host) only when it is a plain name, IPv4 or [IPv6] with an optional port, else localhost.
    [[nodiscard]] static QString originalBase(const Event &event);
    // Empty when curl sends the request as captured; else what it changes. curl (7.x, 8.x)
    // writes a Host given with -H right after the request line and only the first of several;
    // a header line starting with @ would name a file to curl and is left out; an argument
    // cannot hold NUL or end in a line break (HTTP forbids both in these fields anyway).
    [[nodiscard]] static QString orderCaveat(const Event &event);
    // 'text' with every ' as '\'' (POSIX shell).
    [[nodiscard]] static QString quote(const QByteArray &bytes);
    // One shell word that reads back as exactly `bytes` (except NUL and trailing newlines,
    // which no argument can carry): quote() when every byte shows safely, else
    // "$(printf '<printfFormat>')".
    [[nodiscard]] static QString argument(const QByteArray &bytes);
    // A printf format (to go inside single quotes) that prints exactly `bytes`: printable
    // ASCII as is except the few characters a shell or printf would read, the rest as \ooo.
    [[nodiscard]] static QByteArray printfFormat(const QByteArray &bytes);
};

} // namespace hookscope
