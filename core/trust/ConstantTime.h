#pragma once

#include <QByteArray>

namespace hookscope {

// Compares two secrets in time that depends only on their lengths, never on where they
// first differ, so a client cannot guess a secret byte by byte from response times.
[[nodiscard]] bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace hookscope
