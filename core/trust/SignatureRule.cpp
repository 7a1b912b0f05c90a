#include "SignatureRule.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

namespace {

bool readSecretFile(const QString &path, QByteArray *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the secret file %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray data = file.readAll();
    // A PEM key keeps its layout; a plain secret file usually ends with a newline that is
    // not part of the secret.
    if (!data.startsWith("-----BEGIN"))
        data = data.trimmed();
    if (data.isEmpty()) {
        *error = QStringLiteral("the secret file %1 is empty").arg(path);
        return false;
    }
    *out = data;
    return true;
}

} // namespace

QString SignatureRule::algorithmName(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::HmacSha256:
        return QStringLiteral("hmac-sha256");
    case Algorithm::HmacSha1:
        return QStringLiteral("hmac-sha1");
    case Algorithm::HmacSha512:
        return QStringLiteral("hmac-sha512");
    case Algorithm::RsaSha256:
        break;
    }
    return QStringLiteral("rsa-sha256");
}

bool SignatureRule::parseAlgorithm(const QString &text, Algorithm *out)
{
    for (Algorithm a : {Algorithm::HmacSha256, Algorithm::HmacSha1, Algorithm::HmacSha512, Algorithm::RsaSha256}) {
        if (text.compare(algorithmName(a), Qt::CaseInsensitive) == 0) {
            *out = a;
            return true;
        }
    }
    return false;
}

bool SignatureRule::parseEncoding(const QString &text, Encoding *out)
{
    if (text.compare(QLatin1String("hex"), Qt::CaseInsensitive) == 0) {
        *out = Encoding::Hex;
        return true;
    }
    if (text.compare(QLatin1String("base64"), Qt::CaseInsensitive) == 0) {
        *out = Encoding::Base64;
        return true;
    }
    return false;
}

bool SignatureRule::parseSpec(const QString &spec, SignatureRule *out, QString *error)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    const QStringList parts = eq > 0 ? spec.mid(eq + 1).split(QLatin1Char(':')) : QStringList();
    if (eq <= 0 || parts.size() < 4) {
        *error = QStringLiteral("'%1' is not KIND=ALGORITHM:HEADER:ENCODING:SECRETFILE").arg(spec);
        return false;
    }
    SignatureRule rule;
    rule.kind = spec.left(eq).trimmed();
    if (!parseAlgorithm(parts.at(0), &rule.algorithm)) {
        *error = QStringLiteral("'%1': the algorithm is not hmac-sha256, hmac-sha1, hmac-sha512 or rsa-sha256")
                     .arg(parts.at(0));
        return false;
    }
    rule.header = parts.at(1).trimmed().toLatin1();
    if (rule.header.isEmpty()) {
        *error = QStringLiteral("'%1': the header name is empty").arg(spec);
        return false;
    }
    if (!parseEncoding(parts.at(2), &rule.encoding)) {
        *error = QStringLiteral("'%1': the encoding is not hex or base64").arg(parts.at(2));
        return false;
    }
    // The file name may itself contain ':'.
    if (!readSecretFile(parts.mid(3).join(QLatin1Char(':')), &rule.secret, error))
        return false;
    *out = rule;
    return true;
}

bool SignatureRule::parseJsonFile(const QString &path, QList<SignatureRule> *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isArray()) {
        *error = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("%1: %2 at offset %3").arg(path, parseError.errorString()).arg(parseError.offset)
            : QStringLiteral("%1: expected a JSON array of signature rules").arg(path);
        return false;
    }
    const QDir base = QFileInfo(path).absoluteDir();
    QList<SignatureRule> rules;
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const QString where = QStringLiteral("%1: rule %2").arg(path).arg(i + 1);
        SignatureRule rule;
        rule.kind = o.value(QLatin1String("kind")).toString();
        if (rule.kind.isEmpty()) {
            *error = where + QStringLiteral(": \"kind\" is missing");
            return false;
        }
        if (!parseAlgorithm(o.value(QLatin1String("algorithm")).toString(), &rule.algorithm)) {
            *error = where + QStringLiteral(": \"algorithm\" is not hmac-sha256, hmac-sha1, hmac-sha512 or rsa-sha256");
            return false;
        }
        rule.header = o.value(QLatin1String("header")).toString().toLatin1();
        if (rule.header.isEmpty()) {
            *error = where + QStringLiteral(": \"header\" is missing");
            return false;
        }
        const QString encoding = o.value(QLatin1String("encoding")).toString(
            rule.algorithm == Algorithm::RsaSha256 ? QStringLiteral("base64") : QStringLiteral("hex"));
        if (!parseEncoding(encoding, &rule.encoding)) {
            *error = where + QStringLiteral(": \"encoding\" is not hex or base64");
            return false;
        }
        rule.prefix = o.value(QLatin1String("prefix")).toString().toUtf8();
        rule.timestampHeader = o.value(QLatin1String("timestampHeader")).toString().toLatin1();
        rule.payloadTemplate = o.value(QLatin1String("payload"))
                                   .toString(rule.timestampHeader.isEmpty() ? QStringLiteral("{body}")
                                                                            : QStringLiteral("{timestamp}.{body}"))
                                   .toUtf8();
        if (o.contains(QLatin1String("secret"))) {
            rule.secret = o.value(QLatin1String("secret")).toString().toUtf8();
        } else {
            const QString file = o.value(QLatin1String("secretFile")).toString(o.value(QLatin1String("publicKeyFile")).toString());
            if (file.isEmpty()) {
                *error = where + QStringLiteral(": needs \"secretFile\", \"publicKeyFile\" or \"secret\"");
                return false;
            }
            if (!readSecretFile(base.absoluteFilePath(file), &rule.secret, error)) {
                *error = where + QStringLiteral(": ") + *error;
                return false;
            }
        }
        rules.append(rule);
    }
    *out = rules;
    return true;
}

} // namespace hookscope
