#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace hookscope {

struct DecodedBody
{
    std::optional<QByteArray> body; // set when the encoding was understood and decoded
    QString error; // set when a declared encoding could not be decoded
};

// Decodes Content-Encoding gzip / x-gzip / deflate for display; identity and an absent
// header decode to nothing (the raw body is what to show). The output is capped at
// maxOutput bytes so a compression bomb cannot exhaust memory.
[[nodiscard]] DecodedBody decodeContent(const QByteArray &contentEncoding, const QByteArray &body,
                                        qint64 maxOutput);

// zlib-compressed storage form used by the store for large bodies.
[[nodiscard]] QByteArray deflateForStorage(const QByteArray &data);
[[nodiscard]] std::optional<QByteArray> inflateFromStorage(const QByteArray &data);

} // namespace hookscope
