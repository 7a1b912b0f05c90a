#include "Receiver.h"

#include "Connection.h"
#include "Log.h"
#include "OwnAddresses.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace hookscope {

Receiver::Receiver(CaptureSink *sink, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &Receiver::onNewConnection);
}

Receiver::~Receiver()
{
    if (m_server->isListening() && m_announced)
        OwnAddresses::removeListener(m_ownBind, m_ownPort);
}

bool Receiver::start()
{
    if (m_server->isListening())
        return true;
    m_error.clear();
    m_server->setListenBacklogSize(1024);
    if (!m_server->listen(m_config.bindAddress, m_config.port)) {
        const QString where = QStringLiteral("%1:%2").arg(m_config.bindAddress.toString()).arg(m_config.port);
        if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
            m_error = QStringLiteral("Port %1 is already in use on %2; choose another with --port (or --port 0 for a free one)")
                          .arg(m_config.port)
                          .arg(m_config.bindAddress.toString());
        } else {
            m_error = QStringLiteral("Cannot listen on %1: %2").arg(where, m_server->errorString());
        }
        qCInfo(lcHttp).noquote() << m_error;
        return false;
    }
    qCInfo(lcHttp).noquote() << "listening on" << url().toString();
    m_ownBind = m_config.bindAddress;
    m_ownPort = m_server->serverPort();
    if (m_announced)
        OwnAddresses::addListener(m_ownBind, m_ownPort);
    Q_EMIT listeningChanged(true);
    return true;
}

void Receiver::stop()
{
    if (!m_server->isListening())
        return;
    m_server->close();
    if (m_announced)
        OwnAddresses::removeListener(m_ownBind, m_ownPort);
    m_paused = false; // a new listen() starts accepting
    Q_EMIT listeningChanged(false);
}

bool Receiver::isListening() const
{
    return m_server->isListening();
}

quint16 Receiver::port() const
{
    return m_server->serverPort();
}

QUrl Receiver::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress address = m_server->isListening() ? m_server->serverAddress() : m_config.bindAddress;
    url.setHost(address.toString());
    url.setPort(m_server->isListening() ? m_server->serverPort() : m_config.port);
    url.setPath(QStringLiteral("/"));
    return url;
}

void Receiver::onNewConnection()
{
    // The cap is checked before taking a socket: QTcpServer may hold several already
    // accepted ones and signals each, also after pauseAccepting().
    while (m_connections < m_config.maxConnections) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        ++m_connections;
        auto *connection = new Connection(socket, m_config, m_sink, this);
        connect(connection, &Connection::closed, this, &Receiver::onConnectionClosed);
    }
    if (m_connections >= m_config.maxConnections && !m_paused) {
        m_paused = true; // logged once per time the cap is reached, not per waiting client
        qCWarning(lcHttp).noquote() << "connection limit of" << m_config.maxConnections
                                    << "reached (--max-connections); new connections wait until one closes";
        m_server->pauseAccepting();
        Q_EMIT connectionLimitReached(m_config.maxConnections);
    }
}

void Receiver::onConnectionClosed()
{
    --m_connections;
    if (m_paused && m_connections < m_config.maxConnections && m_server->isListening()) {
        m_paused = false;
        m_server->resumeAccepting();
        onNewConnection();
    }
}

} // namespace hookscope
