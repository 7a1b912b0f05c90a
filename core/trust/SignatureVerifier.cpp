#include "SignatureVerifier.h"

#include "SignatureHeaderParser.h"

#include <algorithm>
#include <memory>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace hookscope {

namespace {

SignatureCheck invalid(const QString &reason, const QByteArray &deliveryId = {})
{
    return SignatureCheck{SignatureStatus::Invalid, reason, {}, deliveryId};
}

// "X-Timestamp and the body", "webhook-id, webhook-timestamp and the body", "the URL and the body".
QString describeContent(const SignatureScheme &scheme)
{
    QStringList parts;
    const QByteArray &t = scheme.payloadTemplate;
    for (qsizetype at = t.indexOf('{'); at >= 0; at = t.indexOf('{', at + 1)) {
        const qsizetype end = t.indexOf('}', at);
        const QByteArray name = end > at ? t.mid(at, end - at + 1) : QByteArray();
        QString part;
        if (name == "{body}")
            part = QStringLiteral("the body");
        else if (name == "{timestamp}")
            part = scheme.layout == SignatureScheme::Layout::KeyValueList
                ? QStringLiteral("the %1= timestamp").arg(QString::fromLatin1(scheme.timestampKey))
                : QString::fromLatin1(scheme.timestampHeader);
        else if (name == "{id}")
            part = QString::fromLatin1(scheme.idHeader);
        else if (name == "{url}")
            part = QStringLiteral("the URL");
        else if (name == "{method}")
            part = QStringLiteral("the method");
        else if (name == "{target}")
            part = QStringLiteral("the target");
        if (!part.isEmpty() && !parts.contains(part))
            parts << part;
    }
    if (parts.size() <= 1)
        return parts.value(0, QStringLiteral("the body"));
    return parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + parts.last();
}

bool parseTimestamp(const QByteArray &text, qint64 *seconds)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0 || !std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    *seconds = value > 100'000'000'000LL ? value / 1000 : value; // milliseconds from some senders
    return true;
}

QString countOf(int n, int total, const char *what)
{
    return QStringLiteral("%1 %2 of %3").arg(QLatin1String(what)).arg(n).arg(total);
}

} // namespace

SignatureVerifier::SignatureVerifier(SignatureRules rules, int toleranceSeconds)
    : m_rules(std::move(rules))
    , m_toleranceSeconds(toleranceSeconds)
{
    m_keys.reserve(std::size_t(m_rules.size()));
    for (const SignatureRule &rule : m_rules) {
        std::vector<KeyMaterial> keys{KeyMaterial(rule, rule.secret)};
        for (const SignatureScheme &fallback : rule.fallbacks)
            keys.emplace_back(fallback, rule.secret);
        m_keys.push_back(std::move(keys));
    }
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

SignatureCheck SignatureVerifier::verify(const QString &kind, const SignedRequest &request) const
{
    const SignatureRule *rule = ruleFor(kind);
    if (!rule) {
        return SignatureCheck{SignatureStatus::NotChecked,
                              kind.isEmpty() ? QStringLiteral("not checked: the event is of no known kind")
                                             : QStringLiteral("not checked: no signature rule for the kind %1").arg(kind),
                              {},
                              {}};
    }
    return verify(std::size_t(rule - m_rules.constData()), request);
}

SignatureCheck SignatureVerifier::verify(const QString &kind, const HeaderList &headers, const QByteArray &rawBody) const
{
    SignedRequest request;
    request.headers = headers;
    request.body = rawBody;
    return verify(kind, request);
}

SignatureCheck SignatureVerifier::verify(const SignatureRule &rule, const HeaderList &headers, const QByteArray &rawBody)
{
    SignedRequest request;
    request.headers = headers;
    request.body = rawBody;
    return SignatureVerifier({rule}, 0).verify(0, request);
}

QString SignatureVerifier::ageProblem(qint64 ageSeconds, int toleranceSeconds)
{
    if (toleranceSeconds <= 0 || std::llabs(ageSeconds) <= toleranceSeconds)
        return {};
    const qint64 a = std::llabs(ageSeconds);
    const QString amount = a < 120        ? QStringLiteral("%1 s").arg(a)
        : a < 120 * 60                    ? QStringLiteral("%1 min").arg(a / 60)
        : a < 48 * 3600                   ? QStringLiteral("%1 h").arg(a / 3600)
                                          : QStringLiteral("%1 days").arg(a / 86400);
    return ageSeconds > 0 ? QStringLiteral("timestamp %1 old").arg(amount)
                          : QStringLiteral("timestamp %1 in the future").arg(amount);
}

SignatureCheck SignatureVerifier::verify(std::size_t ruleIndex, const SignedRequest &request) const
{
    const SignatureRule &rule = m_rules.at(qsizetype(ruleIndex));
    // The first scheme whose header is present; the rule's own one reports a missing header.
    std::size_t which = 0;
    const SignatureScheme *scheme = &rule;
    for (std::size_t k = 0; k < rule.fallbacks.size() && !hasHeader(request.headers, rule.header); ++k) {
        if (hasHeader(request.headers, rule.fallbacks[k].header)) {
            scheme = &rule.fallbacks[k];
            which = k + 1;
            break;
        }
    }
    const KeyMaterial &keys = m_keys.at(ruleIndex).at(which);
    const QString algorithm = SignatureScheme::algorithmName(scheme->algorithm).toUpper();
    const QString header = QString::fromLatin1(scheme->header);
    const SignatureHeaderParser::Result parsed = SignatureHeaderParser::parse(*scheme, request.headers);
    const QByteArray id = scheme->idHeader.isEmpty() ? QByteArray() : headerValue(request.headers, scheme->idHeader).trimmed();
    const QByteArray deliveryId = !id.isEmpty() ? id : headerValue(request.headers, scheme->header).trimmed();
    if (parsed.signatures.isEmpty()) {
        QString reason = parsed.error;
        if (!hasHeader(request.headers, scheme->header) && !rule.fallbacks.empty())
            reason += QStringLiteral(" (and so is %1)").arg(QString::fromLatin1(rule.fallbacks.front().header));
        return invalid(QStringLiteral("%1: %2").arg(algorithm, reason), deliveryId);
    }
    if (!keys.problem().isEmpty())
        return invalid(QStringLiteral("%1: %2").arg(algorithm, keys.problem()), deliveryId);

    QByteArray timestamp = parsed.timestamp;
    if (scheme->layout != SignatureScheme::Layout::KeyValueList && !scheme->timestampHeader.isEmpty()) {
        if (!hasHeader(request.headers, scheme->timestampHeader))
            return invalid(QStringLiteral("%1: the timestamp header %2 is missing")
                               .arg(algorithm, QString::fromLatin1(scheme->timestampHeader)),
                           deliveryId);
        timestamp = headerValue(request.headers, scheme->timestampHeader).trimmed();
    } else if (scheme->layout == SignatureScheme::Layout::KeyValueList && timestamp.isEmpty() && scheme->hasTimestamp()) {
        return invalid(QStringLiteral("%1: %2 has no %3= timestamp")
                           .arg(algorithm, header, QString::fromLatin1(scheme->timestampKey)),
                       deliveryId);
    }
    if (scheme->payloadTemplate.contains("{id}") && id.isEmpty())
        return invalid(QStringLiteral("%1: the id header %2 is missing").arg(algorithm, QString::fromLatin1(scheme->idHeader)),
                       deliveryId);
    if (scheme->payloadTemplate.contains("{url}") && request.url.isEmpty())
        return invalid(QStringLiteral("%1: the public URL the sender used is not known (set --public-url, or start the "
                                      "ngrok tunnel)")
                           .arg(algorithm),
                       deliveryId);

    const QByteArray payload
        = scheme->signedContent({request.body, timestamp, id, request.url, request.method, request.target});
    const QString over = describeContent(*scheme);
    int signatureAt = -1;
    int keyAt = -1;
    for (const SignatureHeaderParser::Signature &signature : parsed.signatures) {
        keyAt = keys.verify(payload, signature.bytes);
        if (keyAt >= 0) {
            signatureAt = signature.position;
            break;
        }
    }
    const QString tried = parsed.entryCount > 1 ? QStringLiteral(" (%1 signatures tried)").arg(parsed.entryCount) : QString();
    if (signatureAt < 0) {
        return invalid(scheme->isPublicKey()
                           ? QStringLiteral("%1 of %2 in %3 does not verify with the public key (wrong key, or the body "
                                            "was altered)%4")
                                 .arg(algorithm, over, header, tried)
                           : QStringLiteral("%1 of %2 does not match %3 (wrong secret, or the body was altered)%4")
                                 .arg(algorithm, over, header, tried),
                       deliveryId);
    }
    QStringList matchedParts;
    if (parsed.entryCount > 1)
        matchedParts << countOf(signatureAt, parsed.entryCount, "signature");
    if (keys.count() > 1)
        matchedParts << countOf(keyAt + 1, keys.count(), "key");
    const QString matched = matchedParts.join(QStringLiteral(", "));
    QString reason = scheme->isPublicKey()
        ? QStringLiteral("%1 of %2 in %3 verifies with the public key").arg(algorithm, over, header)
        : QStringLiteral("%1 of %2 matches %3").arg(algorithm, over, header);
    if (!matched.isEmpty())
        reason += QStringLiteral(" (%1)").arg(matched);

    if (!timestamp.isEmpty() && request.receivedAtMs > 0 && m_toleranceSeconds > 0) {
        qint64 sentAt = 0;
        if (!parseTimestamp(timestamp, &sentAt))
            return invalid(QStringLiteral("the timestamp %1 is not Unix seconds; %2")
                               .arg(QString::fromLatin1(timestamp.left(40)), reason),
                           deliveryId);
        if (const QString stale = ageProblem(request.receivedAtMs / 1000 - sentAt, m_toleranceSeconds); !stale.isEmpty())
            return SignatureCheck{SignatureStatus::Invalid,
                                  QStringLiteral("%1 (tolerance %2 s); %3").arg(stale).arg(m_toleranceSeconds).arg(reason),
                                  matched, deliveryId};
    }
    return SignatureCheck{SignatureStatus::Valid, reason, matched, deliveryId};
}

QString SignatureVerifier::publicKeyProblem(const QByteArray &pem)
{
    QString error;
    if (KeyMaterial::readPublicKeys(pem, SignatureScheme::Algorithm::RsaSha256, &error).isEmpty())
        return error.endsWith(QLatin1Char('.')) ? error : error + QLatin1Char('.');
    return {};
}

} // namespace hookscope
