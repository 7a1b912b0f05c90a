#include "SignatureHeaderParser.h"

#include <algorithm>

namespace hookscope {

bool SignatureHeaderParser::decode(SignatureScheme::Encoding encoding, const QByteArray &text, QByteArray *out)
{
    if (text.isEmpty())
        return false;
    if (encoding == SignatureScheme::Encoding::Hex) {
        static const QByteArray hexDigits("0123456789abcdefABCDEF");
        if (text.size() % 2 != 0
            || !std::all_of(text.cbegin(), text.cend(), [](char c) { return hexDigits.contains(c); }))
            return false;
        *out = QByteArray::fromHex(text);
        return true;
    }
    // Standard base64, and the URL-safe alphabet some senders use.
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        decoded = QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return false;
    *out = decoded.decoded;
    return true;
}

SignatureHeaderParser::Result SignatureHeaderParser::parse(const SignatureScheme &scheme, const HeaderList &headers)
{
    Result result;
    const QString header = QString::fromLatin1(scheme.header);
    const QString encoding = SignatureScheme::encodingName(scheme.encoding);
    if (!hasHeader(headers, scheme.header)) {
        result.error = QStringLiteral("the header %1 is missing").arg(header);
        return result;
    }
    QByteArray value = headerValue(headers, scheme.header).trimmed();
    if (!scheme.prefix.isEmpty() && value.startsWith(scheme.prefix))
        value = value.mid(scheme.prefix.size()).trimmed();

    QList<QByteArray> entries; // the encoded signatures with the scheme's version tag
    switch (scheme.layout) {
    case SignatureScheme::Layout::Single:
        entries.append(value);
        break;
    case SignatureScheme::Layout::KeyValueList:
        for (const QByteArray &part : value.split(',')) {
            const qsizetype eq = part.indexOf('=');
            if (eq <= 0)
                continue;
            const QByteArray key = part.left(eq).trimmed();
            const QByteArray item = part.mid(eq + 1).trimmed();
            if (key == scheme.timestampKey && result.timestamp.isEmpty())
                result.timestamp = item;
            else if (key == scheme.signatureKey)
                entries.append(item);
        }
        break;
    case SignatureScheme::Layout::SpaceList:
        for (const QByteArray &part : value.simplified().split(' ')) {
            const qsizetype comma = part.indexOf(',');
            if (comma > 0 && part.left(comma) == scheme.signatureKey)
                entries.append(part.mid(comma + 1));
        }
        break;
    }
    result.entryCount = int(entries.size());
    if (entries.isEmpty()) {
        result.error = QStringLiteral("%1 holds no %2 signature").arg(header, QString::fromLatin1(scheme.signatureKey));
        return result;
    }
    for (int i = 0; i < std::min<int>(int(entries.size()), kMaxSignatures); ++i) {
        QByteArray bytes;
        if (decode(scheme.encoding, entries.at(i), &bytes))
            result.signatures.append(Signature{bytes, i + 1});
    }
    if (result.signatures.isEmpty())
        result.error = entries.size() == 1 ? QStringLiteral("the value of %1 is not %2").arg(header, encoding)
                                           : QStringLiteral("no signature in %1 is %2").arg(header, encoding);
    return result;
}

} // namespace hookscope
