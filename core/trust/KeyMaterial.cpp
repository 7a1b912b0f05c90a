#include "KeyMaterial.h"

#include "ConstantTime.h"

#include <QMessageAuthenticationCode>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace hookscope {

namespace {
constexpr qsizetype kMaxKeys = 8; // a rotation needs two; more is a mistake, not a use

QCryptographicHash::Algorithm hashOf(SignatureScheme::Algorithm algorithm)
{
    switch (algorithm) {
    case SignatureScheme::Algorithm::HmacSha1:
        return QCryptographicHash::Sha1;
    case SignatureScheme::Algorithm::HmacSha512:
        return QCryptographicHash::Sha512;
    default:
        break;
    }
    return QCryptographicHash::Sha256;
}

bool verifyWithKey(EVP_PKEY *key, SignatureScheme::Algorithm algorithm, const QByteArray &payload,
                   const QByteArray &signature)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    // Ed25519 is a one-shot signature over the message itself: no digest is named.
    const EVP_MD *md = algorithm == SignatureScheme::Algorithm::Ed25519 ? nullptr : EVP_sha256();
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) != 1) {
        ERR_clear_error();
        return false;
    }
    const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                                    size_t(signature.size()),
                                    reinterpret_cast<const unsigned char *>(payload.constData()), size_t(payload.size()));
    ERR_clear_error(); // a failed verification leaves an error queued on this thread
    return rc == 1;
}
} // namespace

KeyMaterial::KeyMaterial(const SignatureScheme &scheme, const QByteArray &secret)
    : m_algorithm(scheme.algorithm)
    , m_isPublic(scheme.isPublicKey())
{
    if (m_isPublic) {
        // A vendor's published key first; the configured PEM blocks of this scheme's key type
        // are added (a rule with an Ed25519 scheme and an RSA fallback takes one file with both).
        QString ignored;
        if (!scheme.builtInKey.isEmpty())
            m_publicKeys = readPublicKeys(scheme.builtInKey, m_algorithm, &ignored);
        if (!secret.trimmed().isEmpty()) {
            QString error;
            const auto configured = readPublicKeys(secret, m_algorithm, &error, !m_publicKeys.isEmpty());
            if (!error.isEmpty())
                m_problem = error; // a block that does not parse is refused, built-in key or not
            m_publicKeys += configured;
        } else if (m_publicKeys.isEmpty()) {
            m_problem = QStringLiteral("no public key is set");
        }
        return;
    }
    if (secret.trimmed().isEmpty()) {
        m_problem = QStringLiteral("no secret is set");
        return;
    }
    for (const QByteArray &line : secret.split('\n')) {
        const QByteArray text = line.trimmed();
        if (text.isEmpty())
            continue;
        if (m_secrets.size() == kMaxKeys) {
            m_problem = QStringLiteral("more than %1 secrets are configured").arg(kMaxKeys);
            return;
        }
        QByteArray key;
        if (!decodeSecret(scheme.keyFormat, text, &key, &m_problem))
            return;
        m_secrets.append(key);
    }
}

bool KeyMaterial::decodeSecret(SignatureScheme::KeyFormat format, const QByteArray &text, QByteArray *out, QString *error)
{
    switch (format) {
    case SignatureScheme::KeyFormat::Text:
        *out = text;
        return true;
    case SignatureScheme::KeyFormat::Hex: {
        const QByteArray digits = text.startsWith("hex:") ? text.mid(4) : text;
        const QByteArray decoded = QByteArray::fromHex(digits);
        if (digits.isEmpty() || decoded.toHex() != digits.toLower()) {
            *error = QStringLiteral("the secret is not hex");
            return false;
        }
        *out = decoded;
        return true;
    }
    case SignatureScheme::KeyFormat::Base64:
        break;
    }
    const bool whsec = text.startsWith("whsec_");
    const auto decoded = QByteArray::fromBase64Encoding(whsec ? text.mid(6) : text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        *error = whsec ? QStringLiteral("the secret after whsec_ is not base64") : QStringLiteral("the secret is not base64");
        return false;
    }
    *out = decoded.decoded;
    return true;
}

QList<std::shared_ptr<EVP_PKEY>> KeyMaterial::readPublicKeys(const QByteArray &text, SignatureScheme::Algorithm algorithm,
                                                            QString *error, bool skipOtherTypes)
{
    QList<std::shared_ptr<EVP_PKEY>> keys;
    const int wanted = algorithm == SignatureScheme::Algorithm::Ed25519 ? EVP_PKEY_ED25519 : EVP_PKEY_RSA;
    const QString wantedName = algorithm == SignatureScheme::Algorithm::Ed25519 ? QStringLiteral("an Ed25519")
                                                                                 : QStringLiteral("an RSA");
    qsizetype from = 0;
    for (int n = 1;; ++n) {
        const qsizetype begin = text.indexOf("-----BEGIN", from);
        if (begin < 0)
            break;
        const qsizetype endMark = text.indexOf("-----END", begin);
        const qsizetype end = endMark < 0 ? -1 : text.indexOf("-----", endMark + 8);
        if (end < 0) {
            *error = QStringLiteral("PEM block %1 has no -----END line").arg(n);
            return {};
        }
        const QByteArray block = text.mid(begin, end + 5 - begin) + '\n';
        from = end + 5;
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(block.constData(), int(block.size())), &BIO_free);
        std::shared_ptr<EVP_PKEY> key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr,
                                      &EVP_PKEY_free);
        if (!key) {
            ERR_clear_error();
            *error = QStringLiteral("PEM block %1 is not a public key (-----BEGIN PUBLIC KEY----- …)").arg(n);
            return {};
        }
        if (EVP_PKEY_base_id(key.get()) != wanted) {
            if (skipOtherTypes)
                continue;
            *error = QStringLiteral("PEM block %1 is not %2 public key").arg(n).arg(wantedName);
            return {};
        }
        if (keys.size() == kMaxKeys) {
            *error = QStringLiteral("more than %1 public keys are configured").arg(kMaxKeys);
            return {};
        }
        keys.append(std::move(key));
    }
    // With other types skipped, blocks of only the other type are fine (the fallback takes them);
    // text without any PEM block is not.
    if (keys.isEmpty() && error->isEmpty() && (!skipOtherTypes || from == 0))
        *error = QStringLiteral("this is not a PEM public key (-----BEGIN PUBLIC KEY----- …)");
    return keys;
}

QByteArray KeyMaterial::hmac(SignatureScheme::Algorithm algorithm, const QByteArray &key, const QByteArray &payload)
{
    return QMessageAuthenticationCode::hash(payload, key, hashOf(algorithm));
}

int KeyMaterial::verify(const QByteArray &payload, const QByteArray &signature) const
{
    if (m_isPublic) {
        for (int i = 0; i < m_publicKeys.size(); ++i) {
            if (verifyWithKey(m_publicKeys.at(i).get(), m_algorithm, payload, signature))
                return i;
        }
        return -1;
    }
    // Every key is compared, so the time taken does not say which one (or whether one) matched.
    int matched = -1;
    for (int i = 0; i < m_secrets.size(); ++i) {
        if (constantTimeEquals(signature, hmac(m_algorithm, m_secrets.at(i), payload)) && matched < 0)
            matched = i;
    }
    return matched;
}

} // namespace hookscope
