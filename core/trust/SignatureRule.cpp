#include "SignatureRule.h"

#include "KeyMaterial.h"
#include "SignaturePresets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

namespace {
constexpr qint64 kMaxSecretFile = 64 * 1024; // a few PEM keys; anything larger is not a key file

QString schemeProblem(const SignatureScheme &scheme, const QByteArray &secret)
{
    if (const QString problem = scheme.problem(); !problem.isEmpty())
        return problem;
    return KeyMaterial(scheme, secret).problem();
}

// Reads the scheme members of a JSON rule over the defaults already in *scheme.
bool readScheme(const QJsonObject &o, SignatureScheme *scheme, QString *error)
{
    const auto text = [&](const char *name, const QByteArray &fallback) {
        return o.value(QLatin1String(name)).toString(QString::fromUtf8(fallback)).toUtf8();
    };
    if (o.contains(QLatin1String("algorithm"))
        && !SignatureScheme::parseAlgorithm(o.value(QLatin1String("algorithm")).toString(), &scheme->algorithm)) {
        *error = QStringLiteral("\"algorithm\" is not hmac-sha256, hmac-sha1, hmac-sha512, rsa-sha256 or ed25519");
        return false;
    }
    if (!o.contains(QLatin1String("encoding")) && scheme->isPublicKey())
        scheme->encoding = SignatureScheme::Encoding::Base64;
    if (o.contains(QLatin1String("encoding"))
        && !SignatureScheme::parseEncoding(o.value(QLatin1String("encoding")).toString(), &scheme->encoding)) {
        *error = QStringLiteral("\"encoding\" is not hex or base64");
        return false;
    }
    if (o.contains(QLatin1String("layout"))
        && !SignatureScheme::parseLayout(o.value(QLatin1String("layout")).toString(), &scheme->layout)) {
        *error = QStringLiteral("\"layout\" is not single, key-value-list or space-list");
        return false;
    }
    if (o.contains(QLatin1String("keyFormat"))
        && !SignatureScheme::parseKeyFormat(o.value(QLatin1String("keyFormat")).toString(), &scheme->keyFormat)) {
        *error = QStringLiteral("\"keyFormat\" is not text, base64 or hex");
        return false;
    }
    scheme->header = text("header", scheme->header);
    scheme->prefix = text("prefix", scheme->prefix);
    scheme->signatureKey = text("signatureKey", scheme->signatureKey);
    scheme->timestampKey = text("timestampKey", scheme->timestampKey);
    scheme->timestampHeader = text("timestampHeader", scheme->timestampHeader);
    scheme->idHeader = text("idHeader", scheme->idHeader);
    scheme->payloadTemplate = text("payload", scheme->timestampHeader.isEmpty() || o.contains(QLatin1String("preset"))
                                                   ? scheme->payloadTemplate
                                                   : QByteArray("{timestamp}.{body}"));
    return true;
}
} // namespace

bool SignatureRule::readSecretFile(const QString &path, QByteArray *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the secret file %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > kMaxSecretFile) {
        *error = QStringLiteral("the secret file %1 is larger than %2 KiB").arg(path).arg(kMaxSecretFile / 1024);
        return false;
    }
    QByteArray data = file.read(kMaxSecretFile);
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

QString SignatureRule::problem() const
{
    if (const QString problem = schemeProblem(*this, secret); !problem.isEmpty())
        return problem;
    for (const SignatureScheme &fallback : fallbacks) {
        if (const QString problem = schemeProblem(fallback, secret); !problem.isEmpty())
            return QStringLiteral("%1 (fallback %2)").arg(problem, QString::fromLatin1(fallback.header));
    }
    return {};
}

bool SignatureRule::parseSpec(const QString &spec, SignatureRule *out, QString *error)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    const QStringList parts = eq > 0 ? spec.mid(eq + 1).split(QLatin1Char(':')) : QStringList();
    SignatureRule rule;
    rule.kind = spec.left(eq).trimmed();
    if (eq > 0 && !parts.isEmpty() && SignaturePresets::find(parts.at(0).trimmed())) {
        const SignaturePresets::Preset &preset = *SignaturePresets::find(parts.at(0).trimmed());
        SignaturePresets::apply(preset, &rule);
        if (parts.size() > 1 && !readSecretFile(parts.mid(1).join(QLatin1Char(':')), &rule.secret, error))
            return false;
        if (parts.size() == 1 && !preset.builtInKeys) {
            *error = QStringLiteral("'%1': the preset %2 needs its secret: %1:SECRETFILE").arg(spec, preset.name);
            return false;
        }
    } else {
        if (eq <= 0 || parts.size() < 4) {
            *error = QStringLiteral("'%1' is not KIND=PRESET:SECRETFILE (presets: %2) or "
                                    "KIND=ALGORITHM:HEADER:ENCODING:SECRETFILE")
                         .arg(spec, SignaturePresets::names().join(QStringLiteral(", ")));
            return false;
        }
        if (!parseAlgorithm(parts.at(0), &rule.algorithm)) {
            *error = QStringLiteral("'%1': the algorithm is not hmac-sha256, hmac-sha1, hmac-sha512, rsa-sha256 or "
                                    "ed25519, nor a preset")
                         .arg(parts.at(0));
            return false;
        }
        rule.header = parts.at(1).trimmed().toLatin1();
        if (!parseEncoding(parts.at(2), &rule.encoding)) {
            *error = QStringLiteral("'%1': the encoding is not hex or base64").arg(parts.at(2));
            return false;
        }
        // The file name may itself contain ':'.
        if (!readSecretFile(parts.mid(3).join(QLatin1Char(':')), &rule.secret, error))
            return false;
    }
    if (rule.kind.isEmpty()) {
        *error = QStringLiteral("'%1': the kind is empty").arg(spec);
        return false;
    }
    if (const QString problem = rule.problem(); !problem.isEmpty()) {
        *error = QStringLiteral("'%1': %2").arg(spec, problem);
        return false;
    }
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
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(4 * 1024 * 1024), &parseError);
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
        const QString presetName = o.value(QLatin1String("preset")).toString();
        const SignaturePresets::Preset *preset = SignaturePresets::find(presetName);
        if (!presetName.isEmpty() && !preset) {
            *error = where + QStringLiteral(": \"preset\" %1 is none of %2")
                                 .arg(presetName, SignaturePresets::names().join(QStringLiteral(", ")));
            return false;
        }
        if (preset) {
            SignaturePresets::apply(*preset, &rule);
        } else if (!o.contains(QLatin1String("algorithm"))) {
            *error = where + QStringLiteral(": needs \"preset\" or \"algorithm\"");
            return false;
        }
        QString reason;
        if (!readScheme(o, &rule, &reason)) {
            *error = where + QStringLiteral(": ") + reason;
            return false;
        }
        if (o.contains(QLatin1String("secret"))) {
            rule.secret = o.value(QLatin1String("secret")).toString().toUtf8();
        } else {
            const QString file = o.value(QLatin1String("secretFile")).toString(o.value(QLatin1String("publicKeyFile")).toString());
            if (file.isEmpty() && !(preset && preset->builtInKeys)) {
                *error = where + QStringLiteral(": needs \"secretFile\", \"publicKeyFile\" or \"secret\"");
                return false;
            }
            if (!file.isEmpty() && !readSecretFile(base.absoluteFilePath(file), &rule.secret, error)) {
                *error = where + QStringLiteral(": ") + *error;
                return false;
            }
        }
        if (const QString problem = rule.problem(); !problem.isEmpty()) {
            *error = where + QStringLiteral(": ") + problem;
            return false;
        }
        rules.append(rule);
    }
    *out = rules;
    return true;
}

} // namespace hookscope
