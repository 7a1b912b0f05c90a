#pragma once

#include "SignatureScheme.h"
#include "event/HttpMessage.h"

#include <QList>

namespace hookscope {

// Reads the signature header of a scheme: the signatures it carries (decoded from hex or
// base64) and, for a key/value list, the timestamp inside it. Hostile input: every entry is
// bounded (at most kMaxSignatures are read), and a malformed entry is named, never fatal to
// the others (one bad entry next to a good one still lets the good one match).
class SignatureHeaderParser final
{
public:
    static constexpr int kMaxSignatures = 16;

    struct Signature
    {
        QByteArray bytes; // decoded
        int position = 0; // 1-based, among the entries with the scheme's version tag
    };
    struct Result
    {
        QList<Signature> signatures;
        int entryCount = 0; // entries with the version tag, decodable or not
        QByteArray timestamp; // from the key/value list ("t=…"); empty otherwise
        QString error; // why nothing usable was found ("" when signatures is not empty)
    };

    [[nodiscard]] static Result parse(const SignatureScheme &scheme, const HeaderList &headers);
    // One value as the scheme encodes it; false when it is not valid hex/base64.
    [[nodiscard]] static bool decode(SignatureScheme::Encoding encoding, const QByteArray &text, QByteArray *out);
};

} // namespace hookscope
