#include "ContentDecoding.h"

#include <zlib.h>

namespace hookscope {

namespace {

constexpr qint64 kBudgetStep = 1024 * 1024; // the budget is reserved a MiB at a time

bool isGzipMember(const z_stream &stream)
{
    return stream.avail_in >= 2 && stream.next_in[0] == 0x1f && stream.next_in[1] == 0x8b;
}

bool onlyZeros(const Bytef *data, uInt size)
{
    for (uInt i = 0; i < size; ++i) {
        if (data[i] != 0)
            return false;
    }
    return true;
}

// windowBits: 15 + 32 detects gzip and zlib headers; -15 is a raw deflate stream.
void inflateStream(const QByteArray &input, int windowBits, qint64 maxOutput, const std::shared_ptr<DecodeBudget> &budget,
                   DecodedBody *result)
{
    z_stream stream{};
    if (inflateInit2(&stream, windowBits) != Z_OK) {
        result->error = QStringLiteral("zlib could not start");
        return;
    }
    if (budget)
        result->lease = std::make_shared<DecodeBudget::Lease>(budget);
    QByteArray out;
    out.reserve(qsizetype(qMin<qint64>(maxOutput, qint64(input.size()) * 4 + 64)));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.constData()));
    stream.avail_in = uInt(input.size());
    char chunk[64 * 1024];
    const auto fail = [&](const QString &error) {
        result->error = error;
        result->lease.reset();
        inflateEnd(&stream);
    };
    for (;;) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof(chunk);
        const int rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            fail(QStringLiteral("not a valid compressed stream (%1) after %2 input bytes")
                     .arg(QString::fromLatin1(stream.msg ? stream.msg : "truncated"))
                     .arg(input.size() - qsizetype(stream.avail_in)));
            return;
        }
        const qsizetype produced = qsizetype(sizeof(chunk) - stream.avail_out);
        if (out.size() + produced > maxOutput) {
            result->tooLarge = true;
            fail(QStringLiteral("decoded body exceeds %1 bytes").arg(maxOutput));
            return;
        }
        if (result->lease) {
            while (out.size() + produced > result->lease->bytes()) {
                if (!result->lease->grow(kBudgetStep)) {
                    result->overBudget = true;
                    fail(QStringLiteral("not decoded on arrival: decoded bodies waiting to be stored already "
                                        "use the receiver's budget of %1 MiB; shown raw")
                             .arg(budget->limit() / (1024 * 1024)));
                    return;
                }
            }
        }
        out.append(chunk, produced);
        if (rc == Z_STREAM_END) {
            // RFC 1952 §2.2: a gzip file is a series of members; gzip -d decodes them all.
            if (isGzipMember(stream) && windowBits == 15 + 32) {
                inflateReset(&stream);
                continue;
            }
            break;
        }
        if (produced == 0 && stream.avail_in == 0) {
            fail(QStringLiteral("compressed stream is truncated after %1 bytes").arg(input.size()));
            return;
        }
    }
    if (stream.avail_in > 0 && !onlyZeros(stream.next_in, stream.avail_in))
        result->error = QStringLiteral("%1 byte(s) after the end of the compressed data were ignored")
                            .arg(stream.avail_in);
    inflateEnd(&stream);
    result->body = std::move(out);
}

} // namespace

DecodedBody decodeContent(const QByteArray &contentEncoding, const QByteArray &body, qint64 maxOutput,
                          const std::shared_ptr<DecodeBudget> &budget)
{
    DecodedBody result;
    const QByteArray coding = contentEncoding.trimmed().toLower();
    if (coding.isEmpty() || coding == "identity")
        return result;
    if (coding == "gzip" || coding == "x-gzip") {
        inflateStream(body, 15 + 32, maxOutput, budget, &result);
    } else if (coding == "deflate") {
        // RFC 9110 says zlib-wrapped, but some senders use raw deflate: accept both.
        inflateStream(body, 15 + 32, maxOutput, budget, &result);
        if (!result.body && !result.tooLarge && !result.overBudget) {
            result = DecodedBody();
            inflateStream(body, -15, maxOutput, budget, &result);
        }
    } else {
        result.error = QStringLiteral("Content-Encoding '%1' is not decoded; shown raw")
                           .arg(QString::fromLatin1(coding));
    }
    return result;
}

} // namespace hookscope
