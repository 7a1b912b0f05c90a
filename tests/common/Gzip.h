#pragma once

#include <QByteArray>

namespace hookscope::test {

// `data` as one gzip member (level 6), the way senders compress a body.
[[nodiscard]] QByteArray gzip(const QByteArray &data);

} // namespace hookscope::test
