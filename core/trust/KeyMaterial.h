#pragma once

#include "SignatureScheme.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace hookscope {

// The keys of a rule, parsed once from the configured secret text: HMAC secrets (one per
// line, so an old and a new secret can both be configured while a sender rotates), or PEM
// public keys (one or more PEM blocks; RSA or Ed25519 through OpenSSL's EVP API).
// Immutable after parsing; safe to share between threads.
class KeyMaterial final
{
public:
    // Parses `secret` for `scheme`; problem() says why it cannot be used.
    KeyMaterial(const SignatureScheme &scheme, const QByteArray &secret);

    [[nodiscard]] const QString &problem() const { return m_problem; }
    [[nodiscard]] int count() const { return m_isPublic ? int(m_publicKeys.size()) : int(m_secrets.size()); }
    // The decoded HMAC secrets (empty for public-key schemes).
    [[nodiscard]] const QList<QByteArray> &secrets() const { return m_secrets; }

    // The 0-based index of the key that verifies `signature` over `payload`, or -1.
    [[nodiscard]] int verify(const QByteArray &payload, const QByteArray &signature) const;

    [[nodiscard]] static QByteArray hmac(SignatureScheme::Algorithm algorithm, const QByteArray &key,
                                         const QByteArray &payload);
    // One HMAC secret as written in the configuration, decoded by `format`; false with *error.
    [[nodiscard]] static bool decodeSecret(SignatureScheme::KeyFormat format, const QByteArray &text, QByteArray *out,
                                           QString *error);
    // The PEM public keys in `text`; *error names the first block that does not parse.
    [[nodiscard]] static QList<std::shared_ptr<EVP_PKEY>> readPublicKeys(const QByteArray &text,
                                                                         SignatureScheme::Algorithm algorithm,
                                                                         QString *error,
                                                                         bool skipOtherTypes = false);

private:
    SignatureScheme::Algorithm m_algorithm;
    bool m_isPublic;
    QList<QByteArray> m_secrets;
    QList<std::shared_ptr<EVP_PKEY>> m_publicKeys;
    QString m_problem;
};

} // namespace hookscope
