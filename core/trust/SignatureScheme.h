#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace hookscope {

// How a sender signs, as data: where the signature travels and how it is written, what the
// signed content is made of, and how the key is written. A preset (SignaturePresets) is one
// of these filled in from the vendor's documentation; a user may write one by hand.
struct SignatureScheme
{
    enum class Algorithm { HmacSha256, HmacSha1, HmacSha512, RsaSha256, Ed25519 };
    enum class Encoding { Hex, Base64 };
    // How the signature header carries its value(s):
    //   Single         the whole value (after the prefix) is one signature
    //   KeyValueList   "t=1700000000,v1=<sig>,v1=<sig>" (Stripe, Calendly, Jicoo)
    //   SpaceList      "v1,<sig> v1,<sig>" (Standard Webhooks, Svix)
    enum class Layout { Single, KeyValueList, SpaceList };
    // How a configured HMAC secret is written: Text is used as its bytes (Stripe's whsec_…
    // secrets are), Base64 is decoded after dropping a "whsec_" prefix (Standard Webhooks,
    // Svix), Hex is decoded.
    enum class KeyFormat { Text, Base64, Hex };

    Algorithm algorithm = Algorithm::HmacSha256;
    QByteArray header; // where the sender puts the signature, e.g. "X-Signature"
    Encoding encoding = Encoding::Hex;
    QByteArray prefix; // stripped from the header value when present, e.g. "sha256=", "HMAC "
    Layout layout = Layout::Single;
    QByteArray signatureKey = "v1"; // the version tag of list entries ("v1")
    QByteArray timestampKey = "t"; // the timestamp's key inside a KeyValueList header
    QByteArray timestampHeader; // optional; its value fills {timestamp}
    QByteArray idHeader; // optional; its value fills {id} and is the delivery id
    // What is signed: {body} raw body, {timestamp}, {id}, {url} (the public URL the sender
    // used), {method}, {target} (path and query as received).
    QByteArray payloadTemplate = "{body}";
    KeyFormat keyFormat = KeyFormat::Text;
    // A public key the scheme always trusts (a vendor's published key), PEM; the configured
    // keys of the same type are added to it.
    QByteArray builtInKey;

    [[nodiscard]] bool isPublicKey() const { return isPublicKey(algorithm); }
    [[nodiscard]] static bool isPublicKey(Algorithm algorithm)
    {
        return algorithm == Algorithm::RsaSha256 || algorithm == Algorithm::Ed25519;
    }
    [[nodiscard]] bool hasTimestamp() const
    {
        return !timestampHeader.isEmpty() || (layout == Layout::KeyValueList && !timestampKey.isEmpty());
    }

    [[nodiscard]] static QString algorithmName(Algorithm algorithm);
    [[nodiscard]] static bool parseAlgorithm(const QString &text, Algorithm *out);
    [[nodiscard]] static QString encodingName(Encoding encoding);
    [[nodiscard]] static bool parseEncoding(const QString &text, Encoding *out);
    [[nodiscard]] static QString layoutName(Layout layout);
    [[nodiscard]] static bool parseLayout(const QString &text, Layout *out);
    [[nodiscard]] static QString keyFormatName(KeyFormat format);
    [[nodiscard]] static bool parseKeyFormat(const QString &text, KeyFormat *out);

    // The values of the placeholders for one request.
    struct Parts
    {
        QByteArray body, timestamp, id, url, method, target;
    };
    // The signed content: the template filled in one pass, so a body that itself contains
    // "{timestamp}" stays as sent.
    [[nodiscard]] QByteArray signedContent(const Parts &parts) const;

    [[nodiscard]] static const QStringList &placeholders(); // "{body}", "{timestamp}", …
    // "" when the template only uses known placeholders whose sources the scheme has (a
    // {timestamp} needs a timestamp header or key, an {id} an id header), else the reason.
    [[nodiscard]] QString templateProblem() const;
    // "" when the scheme can be checked at all (a header, a template that works), else why.
    [[nodiscard]] QString problem() const;
};

} // namespace hookscope
