#pragma once

#include "SignatureVerifier.h"

#include <QMutex>
#include <memory>

namespace hookscope {

// The signature rules in force, replaceable while the enrichment thread uses them: the GUI
// sets new rules when the settings change, the enrichment thread takes the current verifier
// for each event. A verifier itself stays immutable. Also holds the public base URL ({url}
// of a signed content): the configured one, or the tunnel's as the ngrok watcher reports it.
class VerifierSlot final
{
public:
    explicit VerifierSlot(std::shared_ptr<const SignatureVerifier> verifier = {});

    void set(std::shared_ptr<const SignatureVerifier> verifier);
    [[nodiscard]] std::shared_ptr<const SignatureVerifier> get() const;

    // "https://abc.ngrok.app" (no trailing slash; the event's target is appended).
    void setPublicBase(const QByteArray &base);
    [[nodiscard]] QByteArray publicBase() const;

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const SignatureVerifier> m_verifier;
    QByteArray m_publicBase;
};

} // namespace hookscope
