// Fuzzes what a connection does with the bytes a client sends: http-parser framing split
// at fuzzer-chosen points, the limits, content decoding and the stored header form.
#include "http/ContentDecoding.h"
#include "event/HttpMessage.h"
#include "http/RequestParser.h"
#include "trust/EndpointGuard.h"
#include "trust/SignaturePresets.h"
#include "trust/SecretRedaction.h"
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
    // Eighth bit: one request at a time (feedUntilRequest), as a connection under back-pressure feeds.
    const bool oneAtATime = (data[1] & 128) != 0;
    for (qsizetype pos = 0; pos < length && !parser.hasFailed(); pos += step) {
        const qsizetype piece = qMin(step, length - pos);
        for (qsizetype taken = 0; taken < piece && !parser.hasFailed();) {
            if (!oneAtATime) {
                parser.feed(bytes + pos, piece, 1, 1);
                taken = piece;
            } else {
                const qsizetype n = parser.feedUntilRequest(bytes + pos + taken, piece - taken, 1, 1);
                check(n > 0 || parser.hasRequest());
                check(n <= piece - taken);
                taken += n;
            }
            while (parser.hasRequest()) {
                const ParsedRequest request = parser.takeRequest();
                check(!request.method.isEmpty());
                check(request.body.size() <= limits.maxBodyBytes);
                check(parseHeaderBlock(serializeHeaders(request.headers)).size() <= request.headers.size());
                for (const HeaderList *fields : {&request.headers, &request.trailers}) {
                    for (const auto &field : *fields) // RFC 9112 §5.1: refused, never let through
                        check(!field.first.contains(' ') && !field.first.contains('\t'));
                }
                check(request.httpMajor == 1 && request.httpMinor <= 1);
                const QByteArray coding = headerValue(request.headers, "content-encoding");
                if (!coding.isEmpty()) {
                    static const auto budget = std::make_shared<DecodeBudget>(4 << 20);
                    const DecodedBody decoded = decodeContent(coding, request.body, 1 << 20, budget);
                    check(!decoded.body || decoded.body->size() <= (1 << 20));
                    check(!decoded.tooLarge || !decoded.body);
                }
                const GuardDecision decision = guard.check(request.target, request.headers);
                check(decision.accepted() || decision.status == 401 || decision.status == 404);
                // The reason never carries the secret, except where the sender wrote it into the path
                // itself (a 404 names the path, and only after the secret was given correctly).
                check(!decision.reason.contains('\n'));
                check(!decision.reason.contains("s3cr3t") || EndpointGuard::normalizedPath(request.target).contains("s3cr3t"));
                if (!decision.accepted())
                    check(guard.responseFor(decision).serialize(true).contains(decision.reason));
                check(EndpointGuard::normalizedPath(request.target).startsWith('/'));
                if (!guardConfig.secret.isEmpty()) {
                    // What is stored no longer opens the endpoint: the credential that did is replaced.
                    QByteArray target = request.target;
                    HeaderList headers = request.headers;
                    SecretRedaction::redactEndpointSecret(guardConfig, &target, &headers);
                    check(!decision.accepted() || guard.check(target, headers).status == 401);
                }
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
    }
    if (parser.hasFailed()) {
        const ParseFailure &f = parser.failure();
        check(f.status == 400 || f.status == 413 || f.status == 431 || f.status == 505);
        check(!f.reason.contains('\n'));
    }
    const ParseFailure timeout = parser.timeoutFailure(1000);
    check(timeout.status == 408);
    return 0;
}
