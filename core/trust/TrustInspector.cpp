#include "TrustInspector.h"

namespace hookscope {

EnrichmentService::Inspector withTrust(EnrichmentService::Inspector inspector,
                                       std::shared_ptr<const SignatureVerifier> verifier)
{
    return [inspector = std::move(inspector), verifier = std::move(verifier)](const Event &event) {
        EventInfo info = inspector(event);
        info.rejection = event.rejection;
        if (verifier && !verifier->isEmpty()) {
            // The raw body: senders sign the bytes they sent, content-encoding included.
            const SignatureCheck check = verifier->verify(info.kind, event.headers, event.body);
            info.signature = check.status;
            info.signatureReason = check.reason;
        }
        return info;
    };
}

} // namespace hookscope
