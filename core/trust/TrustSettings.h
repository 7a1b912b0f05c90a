#pragma once

#include "GuardConfig.h"
#include "SignatureRule.h"

class QSettings;

namespace hookscope {

class SecretStore;

// The trust configuration the GUI keeps between sessions (the settings dialog edits it).
// Plain values live in QSettings under trust/…; secrets live in the SecretStore only:
//   trust/secretMode          "bearer" | "basic" | "query:NAME"
//   trust/allowedPaths        string list ("/hooks/*", "/callback")
//   trust/signatures/<n>/kind, preset, algorithm, header, encoding, prefix, layout, signatureKey,
//                        timestampKey, timestampHeader, idHeader, payload, keyFormat
//   trust/signatureTolerance  seconds (default 300)
//   SecretStore "endpoint-secret"          the shared secret
//   SecretStore "signature:<kind>"         the HMAC secret or PEM public key of that rule
struct TrustSettings
{
    GuardConfig guard;
    SignatureRules signatures;
    int signatureTolerance = 300;

    // Missing secrets leave the rule's secret empty (such a rule reports "invalid": the
    // user sees the configuration is incomplete) and are named in *warning.
    [[nodiscard]] static TrustSettings load(QSettings &settings, const SecretStore &secrets, QString *warning);
    bool save(QSettings &settings, SecretStore &secrets, QString *error) const;

    [[nodiscard]] static QString signatureSecretKey(const QString &kind);
    static constexpr auto kEndpointSecretKey = "endpoint-secret";
};

} // namespace hookscope
