#pragma once

#include "http/HttpMessage.h"
#include "store/Event.h"
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
    // the new target, Content-Length matches the body and Transfer-Encoding is dropped (the
    // stored body has no chunked framing), a blank line, the body.
    [[nodiscard]] QByteArray serialize(const QUrl &base) const;
};

} // namespace hookscope
