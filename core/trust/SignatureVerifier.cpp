#include "SignatureVerifier.h"

#include "ConstantTime.h"

#include <QMessageAuthenticationCode>
#include <algorithm>
#include <memory>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace hookscope {

namespace {

QCryptographicHash::Algorithm hashOf(SignatureRule::Algorithm algorithm)
{
    switch (algorithm) {
    case SignatureRule::Algorithm::HmacSha1:
        return QCryptographicHash::Sha1;
    case SignatureRule::Algorithm::HmacSha512:
        return QCryptographicHash::Sha512;
    case SignatureRule::Algorithm::HmacSha256:
    case SignatureRule::Algorithm::RsaSha256:
        break;
    }
    return QCryptographicHash::Sha256;
}

SignatureCheck invalid(const QString &reason)
{
    return SignatureCheck{SignatureStatus::Invalid, reason};
}

// Verifies an RSA PKCS#1 v1.5 SHA-256 signature; returns an empty string when valid.
QString verifyRsa(const QByteArray &pem, const QByteArray &payload, const QByteArray &signature)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    if (!bio)
        return QStringLiteral("out of memory reading the public key");
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                                            &EVP_PKEY_free);
    if (!key)
        return QStringLiteral("the configured public key is not a PEM public key");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return QStringLiteral("the public key cannot verify RSA-SHA256 signatures");
    const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                                    size_t(signature.size()),
                                    reinterpret_cast<const unsigned char *>(payload.constData()), size_t(payload.size()));
    return rc == 1 ? QString() : QStringLiteral("does not match");
}

} // namespace

SignatureVerifier::SignatureVerifier(SignatureRules rules)
    : m_rules(std::move(rules))
{
}

const SignatureRule *SignatureVerifier::ruleFor(const QString &kind) const
{
    const SignatureRule *fallback = nullptr;
    for (const SignatureRule &rule : m_rules) {
        if (!kind.isEmpty() && rule.kind == kind)
            return &rule;
        if (rule.kind == QLatin1String("*") && !fallback)
            fallback = &rule;
    }
    return fallback;
}

SignatureCheck SignatureVerifier::verify(const QString &kind, const HeaderList &headers, const QByteArray &rawBody) const
{
    const SignatureRule *rule = ruleFor(kind);
    if (!rule) {
        return SignatureCheck{SignatureStatus::NotChecked,
                              kind.isEmpty() ? QStringLiteral("not checked: the event is of no known kind")
                                             : QStringLiteral("not checked: no signature rule for the kind %1").arg(kind)};
    }
    return verify(*rule, headers, rawBody);
}

QString SignatureVerifier::publicKeyProblem(const QByteArray &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    if (!bio)
        return QStringLiteral("out of memory reading the public key.");
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                                            &EVP_PKEY_free);
    if (!key) {
        ERR_clear_error(); // the parse failure is answered here, not left for the next OpenSSL call
        return QStringLiteral("this is not a PEM public key (-----BEGIN PUBLIC KEY----- …).");
    }
    if (EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA)
        return QStringLiteral("the public key is not an RSA key.");
    return {};
}

QByteArray SignatureVerifier::hmac(SignatureRule::Algorithm algorithm, const QByteArray &key, const QByteArray &payload)
{
    return QMessageAuthenticationCode::hash(payload, key, hashOf(algorithm));
}

SignatureCheck SignatureVerifier::verify(const SignatureRule &rule, const HeaderList &headers, const QByteArray &rawBody)
{
    const QString algorithm = SignatureRule::algorithmName(rule.algorithm).toUpper();
    const QString header = QString::fromLatin1(rule.header);
    if (!hasHeader(headers, rule.header))
        return invalid(QStringLiteral("%1: the header %2 is missing").arg(algorithm, header));
    QByteArray value = headerValue(headers, rule.header).trimmed();
    if (!rule.prefix.isEmpty() && value.startsWith(rule.prefix))
        value = value.mid(rule.prefix.size());
    QByteArray given;
    if (rule.encoding == SignatureRule::Encoding::Hex) {
        static const QByteArray hexDigits("0123456789abcdefABCDEF");
        const bool isHex = !value.isEmpty() && value.size() % 2 == 0
            && std::all_of(value.cbegin(), value.cend(), [](char c) { return hexDigits.contains(c); });
        if (!isHex)
            return invalid(QStringLiteral("%1: the value of %2 is not hex").arg(algorithm, header));
        given = QByteArray::fromHex(value);
    } else {
        const auto decoded = QByteArray::fromBase64Encoding(value, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || value.isEmpty())
            return invalid(QStringLiteral("%1: the value of %2 is not base64").arg(algorithm, header));
        given = decoded.decoded;
    }

    QByteArray payload = rule.payloadTemplate;
    QString over = QStringLiteral("the body");
    if (!rule.timestampHeader.isEmpty()) {
        if (!hasHeader(headers, rule.timestampHeader))
            return invalid(QStringLiteral("%1: the timestamp header %2 is missing")
                               .arg(algorithm, QString::fromLatin1(rule.timestampHeader)));
        payload.replace("{timestamp}", headerValue(headers, rule.timestampHeader).trimmed());
        over = QStringLiteral("%1 and the body").arg(QString::fromLatin1(rule.timestampHeader));
    }
    // {body} last: the body may itself contain "{timestamp}".
    const qsizetype at = payload.indexOf("{body}");
    if (at >= 0)
        payload = payload.left(at) + rawBody + payload.mid(at + 6);

    if (rule.algorithm == SignatureRule::Algorithm::RsaSha256) {
        const QString failure = verifyRsa(rule.secret, payload, given);
        if (failure == QLatin1String("does not match"))
            return invalid(QStringLiteral("%1 of %2 in %3 does not verify with the public key (wrong key, or the "
                                          "body was altered)")
                               .arg(algorithm, over, header));
        if (!failure.isEmpty())
            return invalid(QStringLiteral("%1: %2").arg(algorithm, failure));
        return SignatureCheck{SignatureStatus::Valid,
                              QStringLiteral("%1 of %2 in %3 verifies with the public key").arg(algorithm, over, header)};
    }
    const QByteArray expected = hmac(rule.algorithm, rule.secret, payload);
    if (!constantTimeEquals(given, expected))
        return invalid(QStringLiteral("%1 of %2 does not match %3 (wrong secret, or the body was altered)")
                           .arg(algorithm, over, header));
    return SignatureCheck{SignatureStatus::Valid, QStringLiteral("%1 of %2 matches %3").arg(algorithm, over, header)};
}

} // namespace hookscope
