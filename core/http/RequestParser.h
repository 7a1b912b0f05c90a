#pragma once

#include "event/HttpMessage.h"

#include <QByteArray>
#include <deque>
#include <memory>

struct http_parser;

namespace hookscope {

struct ParsedRequest
{
    QByteArray method;
    QByteArray target;
    int httpMajor = 1;
    int httpMinor = 1;
    HeaderList headers;
    HeaderList trailers; // chunked trailer fields, kept apart from the head's fields
    QByteArray body;
    bool keepAlive = true;
    bool upgrade = false;
    qint64 firstByteAtMs = 0; // wall clock (UTC ms) when the message began
    qint64 firstByteMonoNs = 0; // monotonic clock, for handling time

    [[nodiscard]] QByteArray httpVersion() const;
};

struct ParseFailure
{
    int status = 0; // 400, 408, 413, 431 or 505
    QByteArray reason; // one line of plain text
    bool hasRequestLine = false; // method and target known: worth recording as an event
    ParsedRequest partial;
};

struct ParserLimits
{
    qint64 maxHeadBytes = 64 * 1024;
    qint64 maxBodyBytes = 16 * 1024 * 1024;
};

// Wraps Debian's http-parser: feed it bytes split anywhere, take complete requests out
// in order, or a typed failure that carries the status to answer with.
class RequestParser final
{
public:
    explicit RequestParser(ParserLimits limits = {});
    ~RequestParser();
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    // nowMs/monoNs stamp a request that begins inside this chunk.
    void feed(const char *data, qsizetype size, qint64 nowMs = 0, qint64 monoNs = 0);
    // Like feed(), but stops right after a request completes; returns how many bytes it took.
    // A connection feeds the rest only when it may take another request (back-pressure
    // per request, not per 64 KiB read: a read may hold thousands of tiny requests).
    [[nodiscard]] qsizetype feedUntilRequest(const char *data, qsizetype size, qint64 nowMs = 0, qint64 monoNs = 0);

    [[nodiscard]] bool hasRequest() const { return !m_completed.empty(); }
    [[nodiscard]] ParsedRequest takeRequest();
    [[nodiscard]] bool hasFailed() const { return m_failed; }
    [[nodiscard]] const ParseFailure &failure() const { return m_failure; }
    // True while a request has begun but not completed.
    [[nodiscard]] bool inMessage() const { return m_inMessage; }
    // True while a request has begun and its head (request line and headers) is not complete.
    [[nodiscard]] bool inHead() const { return m_inMessage && m_inHead; }
    // True once per request whose head asked for "Expect: 100-continue" before its body.
    [[nodiscard]] bool takeContinueRequest();
    // The peer asked for an upgrade (or CONNECT): nothing after that message is HTTP/1.1.
    [[nodiscard]] bool upgraded() const { return m_upgraded; }

    // Builds the failure for a client that went silent in the middle of (or before) a request.
    [[nodiscard]] ParseFailure timeoutFailure(int timeoutMs) const;
    // Builds the failure for a client whose request head took longer than timeoutMs in all.
    [[nodiscard]] ParseFailure headTimeoutFailure(int timeoutMs) const;

private:
    friend struct ParserCallbacks;
    void fail(int status, const QByteArray &reason);
    void addHeadBytes(qsizetype n);
    qsizetype execute(const char *data, qsizetype size, qint64 nowMs, qint64 monoNs);

    std::unique_ptr<http_parser> m_parser;
    ParserLimits m_limits;
    ParsedRequest m_current;
    std::deque<ParsedRequest> m_completed;
    ParseFailure m_failure;
    qint64 m_headBytes = 0;
    qint64 m_nowMs = 0;
    qint64 m_monoNs = 0;
    bool m_lastWasValue = false;
    bool m_inTrailers = false; // header callbacks after the head are chunked trailer fields
    bool m_inMessage = false;
    bool m_inHead = false;
    bool m_failed = false;
    bool m_continuePending = false;
    bool m_upgraded = false;
    bool m_pauseOnComplete = false;
};

} // namespace hookscope
