#include "TrustInspector.h"

#include "DeliveryIdLog.h"

namespace hookscope {

namespace {
EventInfo inspectWithTrust(const EnrichmentService::Inspector &inspector, const SignatureVerifier *verifier,
                           const QByteArray &publicBase, DeliveryIdLog &seen, const Event &event)
{
    EventInfo info = inspector(event);
    info.rejection = event.rejection;
    if (!verifier || verifier->isEmpty())
        return info;
    SignedRequest request;
    request.headers = event.headers;
    request.body = event.body; // the raw body: senders sign the bytes they sent, content-encoding included
    request.method = event.method;
    request.target = event.target;
    request.url = !publicBase.isEmpty() ? publicBase + event.target : event.publicUrl().toUtf8();
    request.receivedAtMs = event.receivedAtMs;
    SignatureCheck check = verifier->verify(info.kind, request);
    if (check.status != SignatureStatus::NotChecked && !check.deliveryId.isEmpty() && event.id > 0) {
        const qint64 first = seen.remember(check.deliveryId, event.id);
        if (first != event.id) {
            const QString replay = QStringLiteral("replayed id %1 (first in event #%2)")
                                       .arg(QString::fromUtf8(check.deliveryId.left(80)))
                                       .arg(first);
            if (check.status == SignatureStatus::Valid)
                check.status = SignatureStatus::Replayed;
            check.reason = replay + QStringLiteral("; ") + check.reason;
        }
    }
    info.signature = check.status;
    info.signatureReason = check.reason;
    return info;
}
} // namespace

EnrichmentService::Inspector withTrust(EnrichmentService::Inspector inspector,
                                       std::shared_ptr<const SignatureVerifier> verifier)
{
    return withTrust(std::move(inspector), std::make_shared<const VerifierSlot>(std::move(verifier)));
}

EnrichmentService::Inspector withTrust(EnrichmentService::Inspector inspector, std::shared_ptr<const VerifierSlot> slot)
{
    auto seen = std::make_shared<DeliveryIdLog>();
    return [inspector = std::move(inspector), slot = std::move(slot), seen](const Event &event) {
        const std::shared_ptr<const SignatureVerifier> verifier = slot->get(); // kept for this event
        return inspectWithTrust(inspector, verifier.get(), slot->publicBase(), *seen, event);
    };
}

} // namespace hookscope
