#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpSocket>

namespace hookscope::test {

struct RawResponse
{
    int status = 0;
    QByteArray head; // status line + headers
    QByteArray body;
    [[nodiscard]] QByteArray header(const QByteArray &name) const;
};

// A TCP client that writes exact bytes (in any split) and collects the raw responses,
// so tests see what a webhook sender sees. Non-blocking: wait with QTRY_*.
class RawHttpClient final : public QObject
{
    Q_OBJECT
public:
    explicit RawHttpClient(quint16 port, QObject *parent = nullptr);

    void send(const QByteArray &bytes);
    [[nodiscard]] bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    [[nodiscard]] bool wasClosed() const { return m_closed; }
    [[nodiscard]] QByteArray received() const { return m_buffer; }
    // Complete responses so far. `headRequests` lists indexes of responses to HEAD (no body).
    [[nodiscard]] QList<RawResponse> responses(const QList<int> &headRequests = {}) const;
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
};

// A request with a Content-Length body.
[[nodiscard]] QByteArray post(const QByteArray &target, const QByteArray &body,
                              const QByteArray &extraHeaders = {});

} // namespace hookscope::test
