#pragma once

#include "SignatureRule.h"
#include "SignatureStatus.h"
#include "http/HttpMessage.h"

namespace hookscope {

struct SignatureCheck
{
    SignatureStatus status = SignatureStatus::NotChecked;
    QString reason; // one plain sentence: what was checked and why it failed
};

// Checks a request's signature with the rule of its kind: HMAC-SHA256/SHA1/SHA512 over
// the raw body (optionally "{timestamp}.{body}") or RSA-SHA256 with a PEM public key.
// Immutable after construction: safe to share with the enrichment thread.
class SignatureVerifier final
{
public:
    explicit SignatureVerifier(SignatureRules rules = {});

    [[nodiscard]] bool isEmpty() const { return m_rules.isEmpty(); }
    [[nodiscard]] const SignatureRules &rules() const { return m_rules; }
    // The rule for `kind`, else the "*" rule, else nullptr.
    [[nodiscard]] const SignatureRule *ruleFor(const QString &kind) const;
    [[nodiscard]] SignatureCheck verify(const QString &kind, const HeaderList &headers, const QByteArray &rawBody) const;
    [[nodiscard]] static SignatureCheck verify(const SignatureRule &rule, const HeaderList &headers,
                                               const QByteArray &rawBody);

    // What a sender computes: the raw signature bytes (not encoded) of `payload` with an HMAC
    // rule's secret. Used by tests and the soak tool's clients.
    [[nodiscard]] static QByteArray hmac(SignatureRule::Algorithm algorithm, const QByteArray &key,
                                         const QByteArray &payload);

    // "" when pem is a PEM public key RSA-SHA256 can verify with, else the reason.
    [[nodiscard]] static QString publicKeyProblem(const QByteArray &pem);

private:
    SignatureRules m_rules;
};

} // namespace hookscope
