#pragma once

#include "ReplayResult.h"

#include <QByteArray>
#include <memory>

struct http_parser;

namespace hookscope {

// Wraps Debian's http-parser for one HTTP/1.x response: feed the bytes as they come (any
// split), then finish() at end of stream. Interim 1xx answers (100 Continue) are skipped.
class ResponseParser final
{
public:
    explicit ResponseParser(qint64 maxBodyBytes = 64 * 1024 * 1024);
    ~ResponseParser();
    ResponseParser(const ResponseParser &) = delete;
    ResponseParser &operator=(const ResponseParser &) = delete;

    // The response answers a HEAD request: it has no body whatever its headers say.
    void setHeadRequest(bool head) { m_head = head; }
    void feed(const char *data, qsizetype size);
    // The peer closed the connection: completes a response framed by the end of the stream.
    void finish();

    [[nodiscard]] bool isComplete() const { return m_complete; }
    [[nodiscard]] bool hasFailed() const { return !m_error.isEmpty(); }
    [[nodiscard]] QString error() const { return m_error; }
    // Status, reason, headers and body of the complete response.
    [[nodiscard]] const ReplayResult &response() const { return m_response; }

private:
    friend struct ResponseCallbacks;

    std::unique_ptr<http_parser> m_parser;
    qint64 m_maxBody;
    ReplayResult m_response;
    QString m_error;
    bool m_head = false;
    bool m_complete = false;
    bool m_lastWasValue = false;
    bool m_started = false;
};

} // namespace hookscope
