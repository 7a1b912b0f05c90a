#pragma once

#include "KeyMaterial.h"
#include "SignatureRule.h"
#include "event/SignatureStatus.h"
#include "event/HttpMessage.h"

#include <vector>

namespace hookscope {

struct SignatureCheck
{
    SignatureStatus status = SignatureStatus::NotChecked;
    QString reason; // one plain sentence: what was checked and why it failed
    QString matched; // which signature and key matched ("signature 2 of 2, key 1 of 2"), when valid
    QByteArray deliveryId; // the id header's value, else the signature header's: what a replay repeats
};

// What a check needs to know about one request besides its headers and body.
struct SignedRequest
{
    HeaderList headers;
    QByteArray body; // raw, as sent (content-encoding included)
    QByteArray method = "POST";
    QByteArray target = "/";
    QByteArray url; // the public URL the sender used ({url}); empty when unknown
    qint64 receivedAtMs = 0; // 0: the timestamp's age is not checked
};

// Checks a request's signature with the rule of its kind: HMAC-SHA256/SHA1/SHA512, RSA-SHA256
// or Ed25519 over the content the scheme names, any of several signatures and keys matching,
// the timestamp within a tolerance of the time the request arrived. Immutable after
// construction (keys are parsed once): safe to share with the enrichment thread.
class SignatureVerifier final
{
public:
    static constexpr int kDefaultToleranceSeconds = 300;

    explicit SignatureVerifier(SignatureRules rules = {}, int toleranceSeconds = kDefaultToleranceSeconds);

    [[nodiscard]] bool isEmpty() const { return m_rules.isEmpty(); }
    [[nodiscard]] const SignatureRules &rules() const { return m_rules; }
    [[nodiscard]] int toleranceSeconds() const { return m_toleranceSeconds; }
    // The rule for `kind`, else the "*" rule, else nullptr.
    [[nodiscard]] const SignatureRule *ruleFor(const QString &kind) const;
    [[nodiscard]] SignatureCheck verify(const QString &kind, const SignedRequest &request) const;
    // Without a time: the timestamp's age is not checked.
    [[nodiscard]] SignatureCheck verify(const QString &kind, const HeaderList &headers, const QByteArray &rawBody) const;
    [[nodiscard]] static SignatureCheck verify(const SignatureRule &rule, const HeaderList &headers,
                                               const QByteArray &rawBody);

    // What a sender computes: the raw signature bytes (not encoded) of `payload` with an HMAC
    // rule's secret. Used by tests and the soak tool's clients.
    [[nodiscard]] static QByteArray hmac(SignatureRule::Algorithm algorithm, const QByteArray &key,
                                         const QByteArray &payload)
    {
        return KeyMaterial::hmac(algorithm, key, payload);
    }

    // "" when pem is a PEM public key RSA-SHA256 can verify with, else the reason.
    [[nodiscard]] static QString publicKeyProblem(const QByteArray &pem);
    // "timestamp 62 min old" / "timestamp 5 min in the future" / "" within the tolerance.
    [[nodiscard]] static QString ageProblem(qint64 ageSeconds, int toleranceSeconds);

private:
    [[nodiscard]] SignatureCheck verify(std::size_t ruleIndex, const SignedRequest &request) const;

    SignatureRules m_rules;
    std::vector<std::vector<KeyMaterial>> m_keys; // per rule: its scheme's, then each fallback's
    int m_toleranceSeconds;
};

} // namespace hookscope
