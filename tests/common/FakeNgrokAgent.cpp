#include "FakeNgrokAgent.h"

#include <QTcpSocket>

namespace hookscope::test {

FakeNgrokAgent::FakeNgrokAgent(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeNgrokAgent::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
    answer(tunnels({}));
}

void FakeNgrokAgent::answer(const QByteArray &body, const QByteArray &contentType, int status)
{
    m_body = body;
    m_contentType = contentType;
    m_status = status;
}

QByteArray FakeNgrokAgent::tunnel(const QByteArray &publicUrl, const QByteArray &proto, const QByteArray &addr)
{
    return R"({"name":"command_line","uri":"/api/tunnels/command_line","public_url":")" + publicUrl
        + R"(","proto":")" + proto + R"(","config":{"addr":")" + addr
        + R"(","inspect":true},"metrics":{"conns":{"count":0},"http":{"count":0}}})";
}

QByteArray FakeNgrokAgent::tunnels(const QList<QByteArray> &list)
{
    QByteArray joined;
    for (const QByteArray &t : list)
        joined += (joined.isEmpty() ? "" : ",") + t;
    return R"({"tunnels":[)" + joined + R"(],"uri":"/api/tunnels"})";
}

void FakeNgrokAgent::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            const QByteArray data = socket->readAll();
            if (!data.contains("\r\n\r\n"))
                return; // GET without a body: the head is the whole request
            ++m_requests;
            m_lastRequest = data;
            if (m_silent)
                return;
            socket->write("HTTP/1.1 " + QByteArray::number(m_status) + " OK\r\nContent-Type: " + m_contentType
                          + "\r\nContent-Length: " + QByteArray::number(m_body.size())
                          + "\r\nConnection: close\r\n\r\n" + m_body);
            socket->disconnectFromHost();
        });
    }
}

quint16 unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes
}

} // namespace hookscope::test
