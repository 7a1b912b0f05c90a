#pragma once

#include "SignatureScheme.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <vector>

namespace hookscope {

// How one kind of webhook is signed, as the user configured it: a scheme (often a preset's),
// fallback schemes tried when the first one's header is absent (HighLevel's RSA header next to
// its Ed25519 one), and the secret. The secret (HMAC key(s), one per line, or PEM public
// key(s)) is held in memory only: it is never written to settings or exports (see SecretStore).
struct SignatureRule : SignatureScheme
{
    QString kind; // kind id as classified ("*": any kind without a rule of its own)
    QString preset; // the SignaturePresets name the scheme came from ("" when written by hand)
    std::vector<SignatureScheme> fallbacks;
    QByteArray secret;

    // "" when the rule can verify (scheme, fallbacks and keys all usable), else the reason.
    [[nodiscard]] QString problem() const;

    // "KIND=PRESET[:SECRETFILE]" or "KIND=ALG:HEADER:ENCODING:SECRETFILE" (the --signature
    // option); reads SECRETFILE and refuses a rule that cannot work (problem()).
    [[nodiscard]] static bool parseSpec(const QString &spec, SignatureRule *out, QString *error);
    // A JSON array of rules (the --signatures file):
    // [{"kind", "preset" | ("algorithm", "header", "encoding", "prefix", "layout", "signatureKey",
    //   "timestampKey", "timestampHeader", "idHeader", "payload", "keyFormat"),
    //   "secretFile" | "secret" | "publicKeyFile"}]; relative files are relative to the file.
    [[nodiscard]] static bool parseJsonFile(const QString &path, QList<SignatureRule> *out, QString *error);
    [[nodiscard]] static bool readSecretFile(const QString &path, QByteArray *out, QString *error);
};

using SignatureRules = QList<SignatureRule>;

} // namespace hookscope
