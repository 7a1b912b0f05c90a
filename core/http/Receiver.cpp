#include "Receiver.h"

#include "BodyDecoder.h"
#include "Connection.h"
#include "util/Log.h"
#include "OwnAddresses.h"

#include "platform/ProcessResources.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace hookscope {

namespace {

// Every connection is a descriptor: a soft limit of 1024 (a common default) would make
// accept() fail below the connection cap. Raise it as far as the hard limit allows.
void raiseDescriptorLimit(int maxConnections)
{
    const quint64 wanted = quint64(maxConnections) + 256; // the store, the tunnel, the GUI
    const quint64 limit = platform::raiseOpenFileLimit(wanted);
    if (limit != 0 && limit < wanted)
        qCWarning(lcHttp).noquote() << "the descriptor limit (ulimit -n) is" << limit << "- below" << wanted
                                    << "for --max-connections" << maxConnections;
}

} // namespace

Receiver::Receiver(CaptureSink *sink, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
    , m_server(new QTcpServer(this))
    , m_trimTimer(new QTimer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &Receiver::onNewConnection);
    connect(m_server, &QTcpServer::acceptError, this, &Receiver::onAcceptError);
    m_trimTimer->setSingleShot(true);
    m_trimTimer->setInterval(200);
    connect(m_trimTimer, &QTimer::timeout, this, [] { platform::releaseFreeMemory(); });
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
    raiseDescriptorLimit(m_config.maxConnections);
    if (!m_decoder) {
        // Made once: connections of an earlier start() may still use it.
        m_decoder = new BodyDecoder(m_config.decodeBudgetBytes, this);
        connect(m_decoder, &BodyDecoder::largeDecodeFinished, this, &Receiver::scheduleTrim);
    }
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
    // accepted ones and signals each, also after pauseAccepting(). At the cap, an idle
    // connection (one that never spoke, first) gives up its place: otherwise a thousand
    // silent sockets would make every real sender wait for their timeouts.
    while (m_server->hasPendingConnections()
           && (m_connections < m_config.maxConnections || evictIdleConnection())) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        ++m_connections;
        auto *connection = new Connection(socket, m_config, m_sink, m_decoder, this);
        connect(connection, &Connection::closed, this, [this, connection] {
            if (connection->peakUnsentBytes() > 256 * 1024)
                scheduleTrim(); // megabytes of answers were buffered for it
            onConnectionClosed();
        });
        connect(connection, &Connection::becameIdle, this, &Receiver::onConnectionIdle);
    }
    // Accepting pauses only when no connection could make room: a paused server would not
    // see the next arrival, and so could not close an idle connection for it.
    if (m_connections >= m_config.maxConnections && !m_paused && !hasIdleConnection()) {
        m_paused = true;
        // Logged once per time the cap is reached (at most every 10 s), not per waiting client.
        if (!m_capLogged.isValid() || m_capLogged.hasExpired(10'000)) {
            m_capLogged.start();
            qCWarning(lcHttp).noquote() << "connection limit of" << m_config.maxConnections
                                        << "reached (--max-connections); new connections wait until one closes";
        }
        m_server->pauseAccepting();
        Q_EMIT connectionLimitReached(m_config.maxConnections);
    }
}

bool Receiver::hasIdleConnection() const
{
    const QList<Connection *> connections = findChildren<Connection *>(Qt::FindDirectChildrenOnly);
    return std::any_of(connections.begin(), connections.end(), [](const Connection *c) { return c->isIdle(); });
}

bool Receiver::evictIdleConnection()
{
    Connection *oldest = nullptr;
    const QList<Connection *> connections = findChildren<Connection *>(Qt::FindDirectChildrenOnly);
    for (Connection *c : connections) {
        if (!c->isIdle())
            continue;
        if (!oldest || (c->isSilent() && !oldest->isSilent())
            || (c->isSilent() == oldest->isSilent() && c->lastActivityNs() < oldest->lastActivityNs()))
            oldest = c;
    }
    if (!oldest)
        return false;
    if (m_evicted++ % 1000 == 0)
        qCInfo(lcHttp) << "at the connection limit: closing idle connections to admit new ones";
    oldest->evict(); // emits no closed(): counted here
    --m_connections;
    return true;
}

void Receiver::onAcceptError()
{
    // QTcpServer stops accepting after an error such as EMFILE; make room and try again.
    qCWarning(lcHttp).noquote() << "accepting a connection failed:" << m_server->errorString();
    evictIdleConnection();
    QTimer::singleShot(100, this, [this] {
        if (m_server->isListening() && !m_paused)
            m_server->resumeAccepting();
    });
}

void Receiver::scheduleTrim()
{
    if (!m_trimTimer->isActive())
        m_trimTimer->start();
}

void Receiver::onConnectionIdle()
{
    // Paused because every connection was busy: this one may now make room for a waiting one.
    if (m_paused && m_server->isListening()) {
        m_paused = false;
        m_server->resumeAccepting();
        onNewConnection();
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
