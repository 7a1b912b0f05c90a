// Fuzzes what a connection does with the bytes a client sends: http-parser framing split
// at fuzzer-chosen points, the limits, content decoding and the stored header form.
#include "http/ContentDecoding.h"
#include "http/HttpMessage.h"
#include "http/RequestParser.h"

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

namespace {
void check(bool condition)
{
    if (!condition)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // First byte: how to split the stream into TCP-like pieces; second: small limits or not.
    const qsizetype step = qsizetype(data[0] % 64) + 1;
    const ParserLimits limits = (data[1] & 1) ? ParserLimits{256, 512} : ParserLimits{};
    const char *bytes = reinterpret_cast<const char *>(data + 2);
    const qsizetype length = qsizetype(size - 2);

    RequestParser parser(limits);
    for (qsizetype pos = 0; pos < length && !parser.hasFailed(); pos += step) {
        parser.feed(bytes + pos, qMin(step, length - pos), 1, 1);
        while (parser.hasRequest()) {
            const ParsedRequest request = parser.takeRequest();
            check(!request.method.isEmpty());
            check(request.body.size() <= limits.maxBodyBytes);
            check(parseHeaderBlock(serializeHeaders(request.headers)).size() <= request.headers.size());
            const QByteArray coding = headerValue(request.headers, "content-encoding");
            if (!coding.isEmpty())
                (void)decodeContent(coding, request.body, 1 << 20);
            HttpResponse response = HttpResponse::plainText(200, request.target.left(64));
            check(response.serialize(request.keepAlive).startsWith("HTTP/1.1 200 OK\r\n"));
        }
        (void)parser.takeContinueRequest();
    }
    if (parser.hasFailed()) {
        const ParseFailure &f = parser.failure();
        check(f.status == 400 || f.status == 413 || f.status == 431);
        check(!f.reason.contains('\n'));
    }
    const ParseFailure timeout = parser.timeoutFailure(1000);
    check(timeout.status == 408);
    return 0;
}
