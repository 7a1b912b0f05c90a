#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>

namespace hookscope::test {

// A local stand-in for the ngrok agent's API on port 0: answers every request with the
// configured status, content type and body, or (silent) accepts and never answers.
// Counts the requests it saw.
class FakeNgrokAgent final : public QObject
{
    Q_OBJECT
public:
    explicit FakeNgrokAgent(QObject *parent = nullptr);

    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] QByteArray apiUrl() const { return "http://127.0.0.1:" + QByteArray::number(port()); }
    void answer(const QByteArray &body, const QByteArray &contentType = "application/json", int status = 200);
    void setSilent(bool silent) { m_silent = silent; }
    [[nodiscard]] int requests() const { return m_requests; }
    [[nodiscard]] QByteArray lastRequest() const { return m_lastRequest; }

    // The documented /api/tunnels shape with one tunnel.
    [[nodiscard]] static QByteArray tunnel(const QByteArray &publicUrl, const QByteArray &proto, const QByteArray &addr);
    [[nodiscard]] static QByteArray tunnels(const QList<QByteArray> &tunnels);

private:
    void onNewConnection();

    QTcpServer m_server;
    QByteArray m_body;
    QByteArray m_contentType;
    int m_status = 200;
    bool m_silent = false;
    int m_requests = 0;
    QByteArray m_lastRequest;
};

// A loopback port nothing listens on: an absent agent, a stopped local app.
[[nodiscard]] quint16 unusedPort();

} // namespace hookscope::test
