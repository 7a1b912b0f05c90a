#pragma once

#include "event/HttpMessage.h"
#include "event/Event.h"
#include "trust/SignatureRule.h"

#include <QByteArray>
#include <QUrl>

namespace hookscope {

// A request to send again: method, target (path + query, as received), headers in order with
// duplicates, raw body. Built from a captured event, then possibly edited.
struct OutgoingRequest
{
    QByteArray method = "POST";
    QByteArray target = "/";
    HeaderList headers;
    QByteArray body;

    [[nodiscard]] static OutgoingRequest fromEvent(const Event &event);

    // Signs the request again with `rule` (its kind's) and a fresh timestamp, for the URL it
    // is sent to, so the receiving app's own signature check passes after an edit. False with
    // *error when the rule cannot sign (a public-key scheme).
    bool resign(const SignatureRule &rule, const QUrl &to, qint64 nowSeconds, QString *error);

    // Where the request goes: the base URL's path with the target's path appended (a target
    // of "/" adds nothing), queries joined. http://h:3000/webhooks + /a?x=1 → /webhooks/a?x=1.
    [[nodiscard]] static QByteArray joinTarget(const QUrl &base, const QByteArray &target);

    // The exact bytes written: the request line, the headers in order except that Host names
    // the new target, exactly one Content-Length matches the body, Transfer-Encoding and the
    // other hop-by-hop headers are dropped (the stored body has no chunked framing; the
    // capture's connection was another hop), then "Via: 1.1 <hopMarker>", a blank line, the body.
    [[nodiscard]] QByteArray serialize(const QUrl &base) const;

    // "hookscope-<instance>": this process's name in the Via header of what it sends.
    [[nodiscard]] static QByteArray hopMarker();
    // True when a Via header names hopMarker(): the request went out from here before.
    [[nodiscard]] static bool carriesOwnMarker(const HeaderList &headers);
};

} // namespace hookscope
