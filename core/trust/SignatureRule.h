#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope {

// How one kind of webhook is signed, as the user configured it. The secret (HMAC key, or
// the PEM public key for RSA) is held in memory only: it is never written to settings or
// exports (see SecretStore).
struct SignatureRule
{
    enum class Algorithm { HmacSha256, HmacSha1, HmacSha512, RsaSha256 };
    enum class Encoding { Hex, Base64 };

    QString kind; // kind id as classified ("*": any kind without a rule of its own)
    Algorithm algorithm = Algorithm::HmacSha256;
    QByteArray header; // where the sender puts the signature, e.g. "X-Signature"
    Encoding encoding = Encoding::Hex;
    QByteArray prefix; // stripped from the header value when present, e.g. "sha256="
    QByteArray timestampHeader; // optional; its value fills {timestamp}
    // What is signed: {body} is the raw body, {timestamp} the timestamp header's value.
    QByteArray payloadTemplate = "{body}";
    QByteArray secret;

    [[nodiscard]] static QString algorithmName(Algorithm algorithm);
    [[nodiscard]] static bool parseAlgorithm(const QString &text, Algorithm *out);
    [[nodiscard]] static bool parseEncoding(const QString &text, Encoding *out);

    // "KIND=ALG:HEADER:ENCODING:SECRETFILE" (the --signature option); reads SECRETFILE.
    [[nodiscard]] static bool parseSpec(const QString &spec, SignatureRule *out, QString *error);
    // A JSON array of rules (the --signatures file):
    // [{"kind", "algorithm", "header", "encoding", "prefix", "timestampHeader", "payload",
    //   "secretFile" | "secret" | "publicKeyFile"}]; relative files are relative to the file.
    [[nodiscard]] static bool parseJsonFile(const QString &path, QList<SignatureRule> *out, QString *error);
};

using SignatureRules = QList<SignatureRule>;

} // namespace hookscope
