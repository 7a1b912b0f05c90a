#include "ResponseParser.h"

#include <http_parser.h>

namespace hookscope {

struct ResponseCallbacks
{
    static ResponseParser *self(http_parser *p) { return static_cast<ResponseParser *>(p->data); }

    static int onMessageBegin(http_parser *p)
    {
        ResponseParser *s = self(p);
        s->m_response = ReplayResult();
        s->m_lastWasValue = false;
        s->m_started = true;
        return 0;
    }

    static int onStatus(http_parser *p, const char *at, size_t len)
    {
        self(p)->m_response.reason.append(at, qsizetype(len));
        return 0;
    }

    static int onHeaderField(http_parser *p, const char *at, size_t len)
    {
        ResponseParser *s = self(p);
        if (s->m_response.headers.isEmpty() || s->m_lastWasValue)
            s->m_response.headers.append({QByteArray(), QByteArray()});
        s->m_response.headers.last().first.append(at, qsizetype(len));
        s->m_lastWasValue = false;
        return 0;
    }

    static int onHeaderValue(http_parser *p, const char *at, size_t len)
    {
        ResponseParser *s = self(p);
        if (s->m_response.headers.isEmpty())
            s->m_response.headers.append({QByteArray(), QByteArray()});
        s->m_response.headers.last().second.append(at, qsizetype(len));
        s->m_lastWasValue = true;
        return 0;
    }

    static int onHeadersComplete(http_parser *p)
    {
        ResponseParser *s = self(p);
        s->m_response.status = int(p->status_code);
        // 1 tells http-parser that this response has no body.
        return s->m_head ? 1 : 0;
    }

    static int onBody(http_parser *p, const char *at, size_t len)
    {
        ResponseParser *s = self(p);
        if (s->m_response.body.size() + qint64(len) > s->m_maxBody) {
            s->m_error = QStringLiteral("the response body exceeds %1 bytes").arg(s->m_maxBody);
            return 1;
        }
        s->m_response.body.append(at, qsizetype(len));
        return 0;
    }

    static int onMessageComplete(http_parser *p)
    {
        ResponseParser *s = self(p);
        const int status = int(p->status_code);
        if (status >= 100 && status < 200 && status != 101)
            return 0; // interim answer: the final one follows on the same connection
        s->m_complete = true;
        http_parser_pause(p, 1); // anything after the response is not ours
        return 0;
    }
};

namespace {
const http_parser_settings &responseSettings()
{
    static const http_parser_settings s = [] {
        http_parser_settings init;
        http_parser_settings_init(&init);
        init.on_message_begin = &ResponseCallbacks::onMessageBegin;
        init.on_status = &ResponseCallbacks::onStatus;
        init.on_header_field = &ResponseCallbacks::onHeaderField;
        init.on_header_value = &ResponseCallbacks::onHeaderValue;
        init.on_headers_complete = &ResponseCallbacks::onHeadersComplete;
        init.on_body = &ResponseCallbacks::onBody;
        init.on_message_complete = &ResponseCallbacks::onMessageComplete;
        return init;
    }();
    return s;
}
} // namespace

ResponseParser::ResponseParser(qint64 maxBodyBytes)
    : m_parser(std::make_unique<http_parser>())
    , m_maxBody(maxBodyBytes)
{
    http_parser_init(m_parser.get(), HTTP_RESPONSE);
    m_parser->data = this;
}

ResponseParser::~ResponseParser() = default;

void ResponseParser::feed(const char *data, qsizetype size)
{
    if (m_complete || hasFailed() || size <= 0)
        return;
    const size_t parsed = http_parser_execute(m_parser.get(), &responseSettings(), data, size_t(size));
    if (m_complete || hasFailed())
        return;
    const auto err = HTTP_PARSER_ERRNO(m_parser.get());
    if (err != HPE_OK)
        m_error = QStringLiteral("malformed HTTP response (%1) at byte %2")
                      .arg(QString::fromLatin1(http_errno_description(err)))
                      .arg(quint64(parsed));
}

void ResponseParser::finish()
{
    if (m_complete || hasFailed())
        return;
    // A zero-length execute tells http-parser the stream ended (completes read-until-close bodies).
    http_parser_execute(m_parser.get(), &responseSettings(), nullptr, 0);
    if (m_complete)
        return;
    if (HTTP_PARSER_ERRNO(m_parser.get()) != HPE_OK && HTTP_PARSER_ERRNO(m_parser.get()) != HPE_PAUSED)
        m_error = QStringLiteral("the connection closed in the middle of the response (%1)")
                      .arg(QString::fromLatin1(http_errno_description(HTTP_PARSER_ERRNO(m_parser.get()))));
    else
        m_error = m_started ? QStringLiteral("the connection closed in the middle of the response")
                            : QStringLiteral("the connection closed without a response");
}

} // namespace hookscope
