#pragma once

#include "SignatureRule.h"
#include "event/HttpMessage.h"

namespace hookscope {

// Signs a request again the way its sender would, so that the user's app accepts an edited
// body replayed or forwarded to it (as the Stripe CLI does for the events it forwards): a fresh
// timestamp, the rule's newest secret (its last line), the scheme's header layout. HMAC schemes
// only: nobody but the vendor holds the private key of an RSA or Ed25519 scheme.
class SignatureSigner final
{
public:
    struct Request
    {
        HeaderList *headers; // edited in place: the signature and timestamp headers are replaced
        QByteArray body;
        QByteArray method = "POST";
        QByteArray target = "/";
        QByteArray url; // {url}: the URL the request is sent to
    };

    // False with *error when the rule cannot sign (public-key scheme, unusable secret).
    [[nodiscard]] static bool sign(const SignatureRule &rule, const Request &request, qint64 nowSeconds, QString *error);
};

} // namespace hookscope
