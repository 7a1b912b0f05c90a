#include "RawHttpClient.h"

namespace hookscope::test {

QByteArray RawResponse::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

RawHttpClient::RawHttpClient(quint16 port, QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] { m_buffer += m_socket.readAll(); });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { m_closed = true; });
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
}

void RawHttpClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes); // buffered by QTcpSocket until connected
    if (isConnected())
        m_socket.flush();
}

QList<RawResponse> RawHttpClient::responses(const QList<int> &headRequests) const
{
    QList<RawResponse> out;
    qsizetype pos = 0;
    while (pos < m_buffer.size()) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n", pos);
        if (end < 0)
            break;
        RawResponse r;
        r.head = m_buffer.mid(pos, end - pos);
        r.status = r.head.mid(9, 3).toInt();
        qsizetype next = end + 4;
        if (r.status >= 200 && !headRequests.contains(int(out.size()))) {
            const qsizetype length = r.header("content-length").toLongLong();
            if (m_buffer.size() < next + length)
                break;
            r.body = m_buffer.mid(next, length);
            next += length;
        }
        out.append(r);
        pos = next;
    }
    return out;
}

QByteArray post(const QByteArray &target, const QByteArray &body, const QByteArray &extraHeaders)
{
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace hookscope::test
