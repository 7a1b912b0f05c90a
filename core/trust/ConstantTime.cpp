#include "ConstantTime.h"

#include <openssl/crypto.h>

namespace hookscope {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Compare over the expected length whatever was sent; a length mismatch is folded in
    // at the end instead of returning early.
    const QByteArray padded = a.size() == b.size() ? a : QByteArray(b.size(), '\0');
    const bool same = CRYPTO_memcmp(padded.constData(), b.constData(), size_t(b.size())) == 0;
    return same && a.size() == b.size();
}

} // namespace hookscope
