#include "RequestParser.h"

#include <http_parser.h>

namespace hookscope {

namespace {
const http_parser_settings &settings();
}

struct ParserCallbacks
{
    static RequestParser *self(http_parser *p) { return static_cast<RequestParser *>(p->data); }

    static int onMessageBegin(http_parser *p)
    {
        RequestParser *s = self(p);
        s->m_current = ParsedRequest();
        s->m_current.firstByteAtMs = s->m_nowMs;
        s->m_current.firstByteMonoNs = s->m_monoNs;
        s->m_headBytes = 0;
        s->m_lastWasValue = false;
        s->m_inTrailers = false;
        s->m_inMessage = true;
        s->m_inHead = true;
        return 0;
    }

    static int onUrl(http_parser *p, const char *at, size_t len)
    {
        RequestParser *s = self(p);
        s->m_current.target.append(at, qsizetype(len));
        s->addHeadBytes(qsizetype(len));
        return s->m_failed ? 1 : 0;
    }

    static HeaderList &fields(RequestParser *s)
    {
        return s->m_inTrailers ? s->m_current.trailers : s->m_current.headers;
    }

    static int onHeaderField(http_parser *p, const char *at, size_t len)
    {
        RequestParser *s = self(p);
        HeaderList &list = fields(s);
        if (list.isEmpty() || s->m_lastWasValue)
            list.append({QByteArray(), QByteArray()});
        list.last().first.append(at, qsizetype(len));
        // http-parser (non-strict build) takes a space as part of a field name, so
        // "Transfer-Encoding : chunked" would reach us as an unknown field and the body be
        // framed differently than a strict proxy in front frames it: RFC 9112 §5.1 says 400.
        const QByteArrayView piece(at, qsizetype(len));
        if (piece.contains(' ') || piece.contains('\t')) {
            // The name up to the whitespace: the same text however the bytes were split.
            const QByteArray &field = list.last().first;
            qsizetype end = 0;
            while (end < field.size() && field[end] != ' ' && field[end] != '\t')
                ++end;
            const QByteArray name = field.left(end);
            s->fail(400, "Bad Request: whitespace in or after the field name '" + name.left(64)
                             + "' (RFC 9112 section 5.1: no whitespace is allowed between a field name and the colon)");
            return 1;
        }
        s->m_lastWasValue = false;
        s->addHeadBytes(qsizetype(len) + 4); // ": " and CRLF
        return s->m_failed ? 1 : 0;
    }

    static int onHeaderValue(http_parser *p, const char *at, size_t len)
    {
        RequestParser *s = self(p);
        HeaderList &list = fields(s);
        if (list.isEmpty())
            list.append({QByteArray(), QByteArray()});
        list.last().second.append(at, qsizetype(len));
        s->m_lastWasValue = true;
        s->addHeadBytes(qsizetype(len));
        return s->m_failed ? 1 : 0;
    }

    static int onHeadersComplete(http_parser *p)
    {
        RequestParser *s = self(p);
        ParsedRequest &r = s->m_current;
        s->m_inHead = false;
        s->m_inTrailers = true;
        s->m_lastWasValue = false;
        r.method = http_method_str(static_cast<http_method>(p->method));
        r.httpMajor = p->http_major;
        r.httpMinor = p->http_minor;
        if (r.httpMajor != 1 || r.httpMinor > 1) {
            s->fail(505, "HTTP Version Not Supported: HTTP/" + r.httpVersion() + " (only HTTP/1.0 and HTTP/1.1 are spoken here)");
            return -1;
        }
        r.keepAlive = http_should_keep_alive(p) != 0;
        if (hasHeader(r.headers, "content-length") && hasHeader(r.headers, "transfer-encoding")) {
            s->fail(400, "Bad Request: both Content-Length and Transfer-Encoding are present");
            return -1;
        }
        const bool hasLength = (p->flags & F_CONTENTLENGTH) != 0;
        if (hasLength && p->content_length > quint64(s->m_limits.maxBodyBytes)) {
            s->fail(413, "Payload Too Large: body of " + QByteArray::number(quint64(p->content_length))
                             + " bytes exceeds the limit of "
                             + QByteArray::number(s->m_limits.maxBodyBytes) + " bytes");
            return -1;
        }
        const bool hasBody = (p->flags & F_CHUNKED) || (hasLength && p->content_length > 0);
        if (hasBody && headerValue(r.headers, "expect").compare("100-continue", Qt::CaseInsensitive) == 0)
            s->m_continuePending = true;
        // Reserve for typical bodies only: a client announcing 16 MiB and sending nothing
        // must not make us allocate 16 MiB per connection.
        if (hasLength && p->content_length > 0)
            r.body.reserve(qsizetype(qMin<quint64>(p->content_length, 256 * 1024)));
        return 0;
    }

    static int onBody(http_parser *p, const char *at, size_t len)
    {
        RequestParser *s = self(p);
        ParsedRequest &r = s->m_current;
        if (r.body.size() + qint64(len) > s->m_limits.maxBodyBytes) {
            s->fail(413, "Payload Too Large: body exceeds the limit of "
                             + QByteArray::number(s->m_limits.maxBodyBytes) + " bytes");
            return 1;
        }
        r.body.append(at, qsizetype(len));
        return 0;
    }

    static int onMessageComplete(http_parser *p)
    {
        RequestParser *s = self(p);
        s->m_current.upgrade = p->upgrade != 0;
        if (s->m_current.upgrade)
            s->m_current.keepAlive = false;
        s->m_completed.push_back(std::move(s->m_current));
        s->m_current = ParsedRequest();
        s->m_inMessage = false;
        s->m_continuePending = false;
        if (s->m_pauseOnComplete)
            http_parser_pause(p, 1); // execute() returns here; the caller feeds the rest later
        return 0;
    }
};

namespace {
const http_parser_settings &settings()
{
    static const http_parser_settings s = [] {
        http_parser_settings init;
        http_parser_settings_init(&init);
        init.on_message_begin = &ParserCallbacks::onMessageBegin;
        init.on_url = &ParserCallbacks::onUrl;
        init.on_header_field = &ParserCallbacks::onHeaderField;
        init.on_header_value = &ParserCallbacks::onHeaderValue;
        init.on_headers_complete = &ParserCallbacks::onHeadersComplete;
        init.on_body = &ParserCallbacks::onBody;
        init.on_message_complete = &ParserCallbacks::onMessageComplete;
        // Our own head limit (m_limits.maxHeadBytes) decides; the library's compile-time
        // limit (80 KiB) would otherwise cut in first when a user raises ours.
        http_parser_set_max_header_size(64 * 1024 * 1024);
        return init;
    }();
    return s;
}
} // namespace

QByteArray ParsedRequest::httpVersion() const
{
    return QByteArray::number(httpMajor) + '.' + QByteArray::number(httpMinor);
}

RequestParser::RequestParser(ParserLimits limits)
    : m_parser(std::make_unique<http_parser>())
    , m_limits(limits)
{
    settings();
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
}

RequestParser::~RequestParser() = default;

void RequestParser::addHeadBytes(qsizetype n)
{
    m_headBytes += n;
    if (m_headBytes > m_limits.maxHeadBytes && !m_failed)
        fail(431, "Request Header Fields Too Large: request head exceeds the limit of "
                      + QByteArray::number(m_limits.maxHeadBytes) + " bytes");
}

void RequestParser::fail(int status, const QByteArray &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_failure.status = status;
    m_failure.reason = reason;
    m_failure.partial = m_current;
    m_failure.partial.body.clear();
    m_failure.partial.method = http_method_str(static_cast<http_method>(m_parser->method));
    m_failure.partial.httpMajor = m_parser->http_major;
    m_failure.partial.httpMinor = m_parser->http_minor;
    m_failure.partial.keepAlive = false;
    // The method is only trustworthy once the parser has moved past it into the target.
    m_failure.hasRequestLine = m_inMessage && !m_current.target.isEmpty();
}

void RequestParser::feed(const char *data, qsizetype size, qint64 nowMs, qint64 monoNs)
{
    m_pauseOnComplete = false;
    (void)execute(data, size, nowMs, monoNs);
}

qsizetype RequestParser::feedUntilRequest(const char *data, qsizetype size, qint64 nowMs, qint64 monoNs)
{
    m_pauseOnComplete = true;
    const qsizetype taken = execute(data, size, nowMs, monoNs);
    m_pauseOnComplete = false;
    return taken;
}

qsizetype RequestParser::execute(const char *data, qsizetype size, qint64 nowMs, qint64 monoNs)
{
    if (m_failed || m_upgraded || size <= 0)
        return qMax<qsizetype>(size, 0);
    m_nowMs = nowMs;
    m_monoNs = monoNs;
    const size_t parsed = http_parser_execute(m_parser.get(), &settings(), data, size_t(size));
    if (m_failed)
        return size;
    auto err = HTTP_PARSER_ERRNO(m_parser.get());
    if (err == HPE_PAUSED) {
        http_parser_pause(m_parser.get(), 0);
        if (m_parser->upgrade)
            m_upgraded = true;
        return qsizetype(parsed);
    }
    if (err != HPE_OK) {
        if (err == HPE_HEADER_OVERFLOW) {
            fail(431, "Request Header Fields Too Large: request head is too large");
        } else if (err == HPE_UNEXPECTED_CONTENT_LENGTH || err == HPE_INVALID_TRANSFER_ENCODING) {
            const bool both = hasHeader(m_current.headers, "content-length")
                && hasHeader(m_current.headers, "transfer-encoding");
            fail(400, both ? QByteArray("Bad Request: both Content-Length and Transfer-Encoding are present")
                           : QByteArray("Bad Request: ") + http_errno_description(err));
        } else {
            fail(400, QByteArray("Bad Request: malformed HTTP (") + http_errno_description(err)
                          + ") at byte " + QByteArray::number(quint64(parsed)) + " of this packet");
        }
        return size;
    }
    if (m_parser->upgrade)
        m_upgraded = true;
    return size;
}

ParsedRequest RequestParser::takeRequest()
{
    ParsedRequest r = std::move(m_completed.front());
    m_completed.pop_front();
    return r;
}

bool RequestParser::takeContinueRequest()
{
    const bool pending = m_continuePending;
    m_continuePending = false;
    return pending;
}

ParseFailure RequestParser::timeoutFailure(int timeoutMs) const
{
    ParseFailure f;
    f.status = 408;
    f.reason = "Request Timeout: nothing received for " + QByteArray::number(timeoutMs / 1000.0) + " s";
    f.partial = m_current;
    f.partial.body.clear();
    f.partial.keepAlive = false;
    f.hasRequestLine = m_inMessage && !m_current.target.isEmpty();
    if (f.hasRequestLine)
        f.partial.method = http_method_str(static_cast<http_method>(m_parser->method));
    return f;
}

ParseFailure RequestParser::headTimeoutFailure(int timeoutMs) const
{
    ParseFailure f = timeoutFailure(timeoutMs);
    f.reason = "Request Timeout: request head not complete within " + QByteArray::number(timeoutMs / 1000.0) + " s";
    return f;
}

} // namespace hookscope
