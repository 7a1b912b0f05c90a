#include "TrustSettings.h"

#include "SecretStore.h"
#include "SignaturePresets.h"

#include <QSettings>

namespace hookscope {

namespace {
const QString kMode = QStringLiteral("trust/secretMode");
const QString kPaths = QStringLiteral("trust/allowedPaths");
const QString kSignatures = QStringLiteral("trust/signatures");
const QString kTolerance = QStringLiteral("trust/signatureTolerance");
} // namespace

QString TrustSettings::signatureSecretKey(const QString &kind)
{
    return QStringLiteral("signature:") + kind;
}

TrustSettings TrustSettings::load(QSettings &settings, const SecretStore &secrets, QString *warning)
{
    TrustSettings out;
    QStringList problems;
    QString error;
    if (!GuardConfig::parseSecretMode(settings.value(kMode, QStringLiteral("bearer")).toString(), &out.guard, &error))
        problems << QStringLiteral("%1: %2").arg(kMode, error);
    if (const auto secret = secrets.read(QString::fromLatin1(kEndpointSecretKey), &error))
        out.guard.secret = *secret;
    else if (!error.isEmpty())
        problems << error;
    for (const QString &path : settings.value(kPaths).toStringList()) {
        if (GuardConfig::isValidPathEntry(path, &error))
            out.guard.allowedPaths.append(path.toUtf8());
        else
            problems << QStringLiteral("%1: %2").arg(kPaths, error);
    }
    const int count = settings.beginReadArray(kSignatures);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        SignatureRule rule;
        rule.kind = settings.value(QStringLiteral("kind")).toString();
        // A preset's fallbacks and built-in keys come from the preset; the stored columns over it.
        if (const SignaturePresets::Preset *preset = SignaturePresets::find(settings.value(QStringLiteral("preset")).toString()))
            SignaturePresets::apply(*preset, &rule);
        const auto text = [&](const char *name, const QByteArray &fallback) {
            return settings.value(QLatin1String(name), QString::fromUtf8(fallback)).toString().toUtf8();
        };
        const bool ok = !rule.kind.isEmpty()
            && SignatureRule::parseAlgorithm(settings.value(QStringLiteral("algorithm")).toString(), &rule.algorithm)
            && SignatureRule::parseEncoding(settings.value(QStringLiteral("encoding"), QStringLiteral("hex")).toString(),
                                            &rule.encoding)
            && SignatureScheme::parseLayout(settings.value(QStringLiteral("layout"), QStringLiteral("single")).toString(),
                                            &rule.layout)
            && SignatureScheme::parseKeyFormat(settings.value(QStringLiteral("keyFormat"), QStringLiteral("text")).toString(),
                                               &rule.keyFormat);
        rule.header = settings.value(QStringLiteral("header")).toString().toLatin1();
        if (!ok || rule.header.isEmpty()) {
            problems << QStringLiteral("%1/%2: incomplete signature rule").arg(kSignatures).arg(i + 1);
            continue;
        }
        rule.prefix = text("prefix", {});
        rule.signatureKey = text("signatureKey", rule.signatureKey);
        rule.timestampKey = text("timestampKey", rule.timestampKey);
        rule.timestampHeader = text("timestampHeader", {});
        rule.idHeader = text("idHeader", rule.idHeader);
        rule.payloadTemplate = text("payload", "{body}");
        error.clear();
        if (const auto secret = secrets.read(signatureSecretKey(rule.kind), &error))
            rule.secret = *secret;
        else if (!error.isEmpty() || rule.builtInKey.isEmpty()) // HighLevel's preset needs no secret
            problems << QStringLiteral("no secret stored for the signature rule of %1 %2").arg(rule.kind, error);
        out.signatures.append(rule);
    }
    settings.endArray();
    out.signatureTolerance = settings.value(kTolerance, out.signatureTolerance).toInt();
    if (warning)
        *warning = problems.join(QStringLiteral("; "));
    return out;
}

bool TrustSettings::save(QSettings &settings, SecretStore &secrets, QString *error) const
{
    settings.setValue(kMode, guard.secretModeText());
    QStringList paths;
    for (const QByteArray &path : guard.allowedPaths)
        paths << QString::fromUtf8(path);
    settings.setValue(kPaths, paths);
    const QString endpointKey = QString::fromLatin1(kEndpointSecretKey);
    if (guard.secret.isEmpty() ? !secrets.remove(endpointKey, error) : !secrets.write(endpointKey, guard.secret, error))
        return false;
    settings.remove(kSignatures);
    settings.beginWriteArray(kSignatures, int(signatures.size()));
    for (int i = 0; i < signatures.size(); ++i) {
        const SignatureRule &rule = signatures.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("kind"), rule.kind);
        settings.setValue(QStringLiteral("preset"), rule.preset);
        settings.setValue(QStringLiteral("layout"), SignatureScheme::layoutName(rule.layout));
        settings.setValue(QStringLiteral("signatureKey"), QString::fromLatin1(rule.signatureKey));
        settings.setValue(QStringLiteral("timestampKey"), QString::fromLatin1(rule.timestampKey));
        settings.setValue(QStringLiteral("idHeader"), QString::fromLatin1(rule.idHeader));
        settings.setValue(QStringLiteral("keyFormat"), SignatureScheme::keyFormatName(rule.keyFormat));
        settings.setValue(QStringLiteral("algorithm"), SignatureRule::algorithmName(rule.algorithm));
        settings.setValue(QStringLiteral("header"), QString::fromLatin1(rule.header));
        settings.setValue(QStringLiteral("encoding"),
                          rule.encoding == SignatureRule::Encoding::Hex ? QStringLiteral("hex") : QStringLiteral("base64"));
        settings.setValue(QStringLiteral("prefix"), QString::fromUtf8(rule.prefix));
        settings.setValue(QStringLiteral("timestampHeader"), QString::fromLatin1(rule.timestampHeader));
        settings.setValue(QStringLiteral("payload"), QString::fromUtf8(rule.payloadTemplate));
        if (!secrets.write(signatureSecretKey(rule.kind), rule.secret, error)) {
            settings.endArray();
            return false;
        }
    }
    settings.endArray();
    settings.setValue(kTolerance, signatureTolerance);
    return true;
}

} // namespace hookscope
