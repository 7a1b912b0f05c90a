#include "TrustInspector.h"

namespace hookscope {

namespace {
EventInfo inspectWithTrust(const EnrichmentService::Inspector &inspector, const SignatureVerifier *verifier,
                           const Event &event)
{
    EventInfo info = inspector(event);
    info.rejection = event.rejection;
    if (verifier && !verifier->isEmpty()) {
        // The raw body: senders sign the bytes they sent, content-encoding included.
        const SignatureCheck check = verifier->verify(info.kind, event.headers, event.body);
        info.signature = check.status;
        info.signatureReason = check.reason;
    }
    return info;
}
} // namespace

EnrichmentService::Inspector withTrust(EnrichmentService::Inspector inspector,
                                       std::shared_ptr<const SignatureVerifier> verifier)
{
    return [inspector = std::move(inspector), verifier = std::move(verifier)](const Event &event) {
        return inspectWithTrust(inspector, verifier.get(), event);
    };
}

EnrichmentService::Inspector withTrust(EnrichmentService::Inspector inspector, std::shared_ptr<const VerifierSlot> slot)
{
    return [inspector = std::move(inspector), slot = std::move(slot)](const Event &event) {
        const std::shared_ptr<const SignatureVerifier> verifier = slot->get(); // kept for this event
        return inspectWithTrust(inspector, verifier.get(), event);
    };
}

} // namespace hookscope
