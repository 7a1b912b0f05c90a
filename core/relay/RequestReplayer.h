#pragma once

#include "OutgoingRequest.h"
#include "ReplayResult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QUrl>
#include <memory>

class QTcpSocket;
class QTimer;

namespace hookscope {

class ResponseParser;

// Sends one request at a time to a URL over a raw socket, so the bytes on the wire are the
// captured ones (QNetworkAccessManager would add and reorder headers), and parses the answer
// with http-parser. Asynchronous: finished() reports the result; never blocks the caller.
class RequestReplayer final : public QObject
{
    Q_OBJECT
public:
    explicit RequestReplayer(QObject *parent = nullptr);
    ~RequestReplayer() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    [[nodiscard]] int timeoutMs() const { return m_timeoutMs; }

    // Starts sending; a request still running is abandoned first (no finished() for it).
    // A URL that is not http(s)://host[:port][/path] finishes at once with an error.
    void send(const QUrl &url, const OutgoingRequest &request);
    void abort();
    [[nodiscard]] bool isBusy() const { return m_socket != nullptr; }

    // Checks a URL typed by a user; returns an empty string when it can be sent to: http(s),
    // and not this Hookscope itself in any spelling (OwnAddresses), which would loop.
    [[nodiscard]] static QString checkUrl(const QUrl &url);

Q_SIGNALS:
    void finished(const hookscope::ReplayResult &result);

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onError();
    void onTimeout();
    void complete(ReplayResult result);

    QTcpSocket *m_socket = nullptr;
    QTimer *m_timer;
    std::unique_ptr<ResponseParser> m_parser;
    QUrl m_url;
    QByteArray m_bytes;
    QElapsedTimer m_clock;
    int m_timeoutMs = 10'000;
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::ReplayResult)
