#include "VerifierSlot.h"

namespace hookscope {

VerifierSlot::VerifierSlot(std::shared_ptr<const SignatureVerifier> verifier)
    : m_verifier(std::move(verifier))
{
}

void VerifierSlot::set(std::shared_ptr<const SignatureVerifier> verifier)
{
    const QMutexLocker lock(&m_mutex);
    m_verifier = std::move(verifier);
}

std::shared_ptr<const SignatureVerifier> VerifierSlot::get() const
{
    const QMutexLocker lock(&m_mutex);
    return m_verifier;
}

void VerifierSlot::setPublicBase(const QByteArray &base)
{
    QByteArray trimmed = base.trimmed();
    while (trimmed.endsWith('/'))
        trimmed.chop(1);
    const QMutexLocker lock(&m_mutex);
    m_publicBase = trimmed;
}

QByteArray VerifierSlot::publicBase() const
{
    const QMutexLocker lock(&m_mutex);
    return m_publicBase;
}

} // namespace hookscope
