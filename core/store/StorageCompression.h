#pragma once

#include <QByteArray>
#include <optional>

namespace hookscope {

// The zlib-compressed form in which the store keeps large bodies (events.body_encoding = zlib).
// Storage only: decoding a sender's Content-Encoding is http/ContentDecoding's job.
[[nodiscard]] QByteArray deflateForStorage(const QByteArray &data);
// nullopt when `data` is not a compressed body zlib accepts (a damaged store).
[[nodiscard]] std::optional<QByteArray> inflateFromStorage(const QByteArray &data);

} // namespace hookscope
