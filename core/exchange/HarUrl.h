#pragma once

#include "event/Event.h"

#include <QByteArray>

namespace hookscope {

// The URL of a HAR entry and the event it stands for, both ways: an event's URL is made of
// its scheme, its host and its target; an imported URL gives them back, so that importing a
// HAR and exporting it again writes the same URLs.
class HarUrl final
{
public:
    enum class Kind {
        Absolute, // scheme://authority/target
        Relative, // /target
        NotHttp, // data:, about:, blob: …: no request went over the network
    };

    struct Parts
    {
        Kind kind = Kind::NotHttp;
        QByteArray scheme;
        QByteArray authority;
        QByteArray target; // path and query as sent, "/" at least; never the fragment
    };

    [[nodiscard]] static Parts split(const QByteArray &url);

    // The scheme an event was sent with: the forwarded proto, else the HTTP/2 ":scheme"
    // pseudo header of an imported browser capture, else http.
    [[nodiscard]] static QByteArray schemeOf(const Event &event);
    // Its host: the forwarded host, else Host, else HTTP/2 ":authority", else localhost.
    [[nodiscard]] static QByteArray hostOf(const Event &event);
    [[nodiscard]] static QByteArray urlOf(const Event &event);

    // Keeps an imported absolute URL's scheme and host in the forwarded proto and host where
    // the event's headers would not give them back (HTTP/1.1 over https, HTTP/2 without Host).
    static void keepOrigin(const Parts &url, Event *event);
};

} // namespace hookscope
