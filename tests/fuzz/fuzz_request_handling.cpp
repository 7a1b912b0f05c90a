// Fuzzes what a connection does with the bytes a client sends: http-parser framing split
// at fuzzer-chosen points, the limits, content decoding and the stored header form.
#include "http/ContentDecoding.h"
#include "http/HttpMessage.h"
#include "http/RequestParser.h"
#include "trust/EndpointGuard.h"
#include "trust/SignaturePresets.h"
#include "trust/SignatureVerifier.h"

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

    // Third bit: a guard with every check on (the capture path's decision before any hook).
    GuardConfig guardConfig;
    if (data[1] & 2) {
        guardConfig.secret = "s3cr3t";
        guardConfig.secretMode = GuardConfig::SecretMode((data[1] >> 2) % 3);
        guardConfig.allowedPaths = {"/hooks/*", "/callback"};
    }
    const EndpointGuard guard(guardConfig);
    SignatureRule rule;
    rule.kind = QStringLiteral("*");
    rule.header = "x-signature";
    rule.encoding = (data[1] & 32) ? SignatureRule::Encoding::Base64 : SignatureRule::Encoding::Hex;
    rule.timestampHeader = (data[1] & 64) ? QByteArray("x-timestamp") : QByteArray();
    rule.payloadTemplate = rule.timestampHeader.isEmpty() ? QByteArray("{body}") : QByteArray("{timestamp}.{body}");
    rule.secret = "k";
    const SignatureVerifier verifier({rule});
    // Every vendor preset reads its own headers (lists, prefixes, timestamps, ids) from the request.
    static const SignatureVerifier presets = [] {
        SignatureRules rules;
        for (const SignaturePresets::Preset &preset : SignaturePresets::all()) {
            SignatureRule r;
            r.kind = preset.name;
            r.secret = "whsec_a2V5";
            SignaturePresets::apply(preset, &r);
            rules.append(r);
        }
        return SignatureVerifier(rules);
    }();

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
            const GuardDecision decision = guard.check(request.target, request.headers);
            check(decision.accepted() || decision.status == 401 || decision.status == 404);
            check(!decision.reason.contains('\n') && !decision.reason.contains("s3cr3t"));
            if (!decision.accepted())
                check(guard.responseFor(decision).serialize(true).contains(decision.reason));
            check(EndpointGuard::normalizedPath(request.target).startsWith('/'));
            (void)verifier.verify(QStringLiteral("any"), request.headers, request.body);
            SignedRequest signedRequest{request.headers, request.body, request.method, request.target,
                                        "https://fuzz.example" + request.target, 1'700'000'000'000};
            for (const SignatureRule &preset : presets.rules()) {
                const SignatureCheck verdict = presets.verify(preset.kind, signedRequest);
                check(verdict.status != SignatureStatus::NotChecked && !verdict.reason.contains(QLatin1Char('\n')));
            }
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
