#include "ContentDecoding.h"

#include <zlib.h>

namespace hookscope {

namespace {

// windowBits: 15 + 32 detects gzip and zlib headers; -15 is a raw deflate stream.
std::optional<QByteArray> inflateStream(const QByteArray &input, int windowBits, qint64 maxOutput,
                                        QString *error)
{
    z_stream stream{};
    if (inflateInit2(&stream, windowBits) != Z_OK) {
        *error = QStringLiteral("zlib could not start");
        return std::nullopt;
    }
    QByteArray out;
    out.reserve(qsizetype(qMin<qint64>(maxOutput, qint64(input.size()) * 4 + 64)));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.constData()));
    stream.avail_in = uInt(input.size());
    char chunk[64 * 1024];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof(chunk);
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            *error = QStringLiteral("not a valid compressed stream (%1) after %2 input bytes")
                         .arg(QString::fromLatin1(stream.msg ? stream.msg : "truncated"))
                         .arg(stream.total_in);
            inflateEnd(&stream);
            return std::nullopt;
        }
        const qsizetype produced = qsizetype(sizeof(chunk) - stream.avail_out);
        if (out.size() + produced > maxOutput) {
            *error = QStringLiteral("decoded body exceeds %1 bytes; shown raw").arg(maxOutput);
            inflateEnd(&stream);
            return std::nullopt;
        }
        out.append(chunk, produced);
        if (rc == Z_OK && produced == 0 && stream.avail_in == 0) {
            *error = QStringLiteral("compressed stream is truncated after %1 bytes").arg(stream.total_in);
            inflateEnd(&stream);
            return std::nullopt;
        }
    }
    inflateEnd(&stream);
    return out;
}

} // namespace

DecodedBody decodeContent(const QByteArray &contentEncoding, const QByteArray &body, qint64 maxOutput)
{
    DecodedBody result;
    const QByteArray coding = contentEncoding.trimmed().toLower();
    if (coding.isEmpty() || coding == "identity")
        return result;
    if (coding == "gzip" || coding == "x-gzip") {
        result.body = inflateStream(body, 15 + 32, maxOutput, &result.error);
    } else if (coding == "deflate") {
        // RFC 9110 says zlib-wrapped, but some senders use raw deflate: accept both.
        QString zlibError;
        result.body = inflateStream(body, 15 + 32, maxOutput, &zlibError);
        if (!result.body)
            result.body = inflateStream(body, -15, maxOutput, &result.error);
    } else {
        result.error = QStringLiteral("Content-Encoding '%1' is not decoded; shown raw")
                           .arg(QString::fromLatin1(coding));
    }
    return result;
}

QByteArray deflateForStorage(const QByteArray &data)
{
    return qCompress(data, 1);
}

std::optional<QByteArray> inflateFromStorage(const QByteArray &data)
{
    QByteArray out = qUncompress(data);
    if (out.isEmpty() && !data.isEmpty() && data.size() > 4 && (data[0] || data[1] || data[2] || data[3]))
        return std::nullopt;
    return out;
}

} // namespace hookscope
