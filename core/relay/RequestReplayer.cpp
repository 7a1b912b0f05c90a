#include "RequestReplayer.h"

#include "RelayLog.h"
#include "ResponseParser.h"
#include "http/FieldCheck.h"
#include "http/OwnAddresses.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace hookscope {

namespace {
QString authority(const QUrl &url)
{
    return url.host() + QLatin1Char(':') + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}
} // namespace

RequestReplayer::RequestReplayer(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<hookscope::ReplayResult>();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RequestReplayer::onTimeout);
}

RequestReplayer::~RequestReplayer()
{
    abort();
}

QString RequestReplayer::checkUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return tr("'%1' is not a URL like http://localhost:3000/webhooks").arg(url.toString());
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return tr("'%1' is not an http:// or https:// URL").arg(url.toString());
    if (url.scheme() == QLatin1String("https") && !QSslSocket::supportsSsl())
        return tr("https is not available (no TLS library found); use http://");
    return OwnAddresses::loopProblem(url);
}

void RequestReplayer::send(const QUrl &url, const OutgoingRequest &request)
{
    abort();
    m_clock.start();
    QString problem = checkUrl(url);
    if (problem.isEmpty()) {
        // Defence in depth: an import refuses these, but a line break written here would
        // let the rest of a field be read as another header or another request.
        if (const QString unsafe = FieldCheck::problem(request.method, request.target, request.headers); !unsafe.isEmpty())
            problem = tr("not sent: the %1").arg(unsafe);
    }
    if (!problem.isEmpty()) {
        ReplayResult failed;
        failed.error = problem;
        // Queued so that callers always see finished() after send() returned.
        QMetaObject::invokeMethod(this, [this, failed] { Q_EMIT finished(failed); }, Qt::QueuedConnection);
        return;
    }
    m_url = url;
    m_bytes = request.serialize(url);
    m_parser = std::make_unique<ResponseParser>();
    m_parser->setHeadRequest(request.method == "HEAD");
    const bool https = url.scheme() == QLatin1String("https");
    QTcpSocket *socket = https ? new QSslSocket(this) : new QTcpSocket(this);
    m_socket = socket;
    // Targets are local apps; the environment's HTTP proxy must not see them.
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QTcpSocket::readyRead, this, &RequestReplayer::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &RequestReplayer::onDisconnected);
    connect(socket, &QTcpSocket::errorOccurred, this, &RequestReplayer::onError);
    m_timer->start(m_timeoutMs);
    if (https) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        connect(ssl, &QSslSocket::encrypted, this, &RequestReplayer::onConnected);
        ssl->connectToHostEncrypted(url.host(), quint16(url.port(443)));
    } else {
        connect(socket, &QTcpSocket::connected, this, &RequestReplayer::onConnected);
        socket->connectToHost(url.host(), quint16(url.port(80)));
    }
}

void RequestReplayer::abort()
{
    m_timer->stop();
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void RequestReplayer::onConnected()
{
    m_socket->write(m_bytes);
}

void RequestReplayer::onReadyRead()
{
    if (!m_socket)
        return;
    const QByteArray chunk = m_socket->readAll();
    m_parser->feed(chunk.constData(), chunk.size());
    if (m_parser->isComplete()) {
        complete(m_parser->response());
    } else if (m_parser->hasFailed()) {
        ReplayResult failed;
        failed.error = tr("%1 answered with %2").arg(authority(m_url), m_parser->error());
        complete(failed);
    }
}

void RequestReplayer::onDisconnected()
{
    if (!m_socket)
        return;
    onReadyRead();
    if (!m_socket)
        return;
    m_parser->finish();
    ReplayResult result;
    if (m_parser->isComplete())
        result = m_parser->response();
    else
        result.error = tr("%1: %2").arg(authority(m_url), m_parser->error());
    complete(result);
}

void RequestReplayer::onError()
{
    if (!m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    ReplayResult failed;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        failed.error = tr("connection refused by %1: is the app running and listening on that port?").arg(authority(m_url));
        break;
    case QAbstractSocket::HostNotFoundError:
        failed.error = tr("host %1 not found").arg(m_url.host());
        break;
    default:
        failed.error = tr("%1: %2").arg(authority(m_url), m_socket->errorString());
        break;
    }
    complete(failed);
}

void RequestReplayer::onTimeout()
{
    if (!m_socket)
        return;
    ReplayResult failed;
    const bool connected = m_socket->state() == QAbstractSocket::ConnectedState;
    failed.error = connected ? tr("no complete answer from %1 within %2 s").arg(authority(m_url)).arg(m_timeoutMs / 1000.0)
                             : tr("could not connect to %1 within %2 s").arg(authority(m_url)).arg(m_timeoutMs / 1000.0);
    complete(failed);
}

void RequestReplayer::complete(ReplayResult result)
{
    result.latencyUs = m_clock.nsecsElapsed() / 1000;
    abort();
    m_parser.reset();
    qCDebug(lcRelay).noquote() << "replay to" << m_url.toString() << "→" << result.status << result.error;
    Q_EMIT finished(result);
}

} // namespace hookscope
