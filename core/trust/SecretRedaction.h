#pragma once

#include "GuardConfig.h"
#include "event/HttpMessage.h"

namespace hookscope {

// Keeps credentials out of everything Hookscope writes. The endpoint's own secret is replaced
// once, when a request is captured and before its event is stored, so that no store, export,
// curl command, printed line or log downstream can hold it; other credentials are captured as
// sent and only an export may drop them (redactAuthorization).
class SecretRedaction final
{
public:
    // What stands where the endpoint's secret was sent: in a header as is, in a query value
    // percent-encoded (kTargetMarker, which decodes to kMarker) so the target stays one token.
    static constexpr const char *kMarker = "[endpoint secret]";
    static constexpr const char *kTargetMarker = "%5Bendpoint%20secret%5D";
    // What replaces the credentials of an Authorization header in a redacted export.
    static constexpr const char *kRedacted = "[redacted]";

    // Replaces the configured secret wherever a sender put it, whatever --secret-mode says
    // (a secret sent in the wrong place is still the secret), keeping every other byte:
    // - Authorization / Proxy-Authorization: every literal occurrence of the secret
    //   ("Bearer SECRET" → "Bearer [endpoint secret]"), and basic credentials whose decoded
    //   "user:password" contains it (→ "Basic [endpoint secret]");
    // - the query of the target: every value that is the secret, as sent or percent-decoded.
    // Returns whether anything was replaced. An empty secret changes nothing.
    static bool redactEndpointSecret(const GuardConfig &config, QByteArray *target, HeaderList *headers);

    // Keeps the scheme of every Authorization / Proxy-Authorization header and replaces its
    // credentials ("Bearer abc" → "Bearer [redacted]"); returns how many were replaced.
    static int redactAuthorization(HeaderList *headers);
};

} // namespace hookscope
