#pragma once

#include "SignatureVerifier.h"

#include <QMutex>
#include <memory>

namespace hookscope {

// The signature rules in force, replaceable while the enrichment thread uses them: the GUI
// sets new rules when the settings change, the enrichment thread takes the current verifier
// for each event. A verifier itself stays immutable.
class VerifierSlot final
{
public:
    explicit VerifierSlot(std::shared_ptr<const SignatureVerifier> verifier = {});

    void set(std::shared_ptr<const SignatureVerifier> verifier);
    [[nodiscard]] std::shared_ptr<const SignatureVerifier> get() const;

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const SignatureVerifier> m_verifier;
};

} // namespace hookscope
