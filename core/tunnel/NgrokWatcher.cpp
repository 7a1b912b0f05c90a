#include "NgrokWatcher.h"

#include "TunnelList.h"
#include "http/OwnAddresses.h"
#include "relay/RelayLog.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace hookscope {

namespace {
constexpr qint64 kMaxAnswerBytes = 4 * 1024 * 1024;
}

NgrokWatcher::NgrokWatcher(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this))
{
    // The agent is on this machine: the environment's HTTP proxy must never see the request.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &NgrokWatcher::poll);
    connect(m_network, &QNetworkAccessManager::finished, this, &NgrokWatcher::onFinished);
}

NgrokWatcher::~NgrokWatcher()
{
    if (m_reply)
        m_reply->abort();
}

void NgrokWatcher::setPort(quint16 port)
{
    if (port == m_port)
        return;
    m_port = port;
    setPublicUrl({});
    if (isRunning())
        poll();
}

void NgrokWatcher::setIntervalMs(int ms)
{
    m_timer->setInterval(ms);
}

void NgrokWatcher::start()
{
    m_timer->start();
    poll();
}

void NgrokWatcher::stop()
{
    m_timer->stop();
    if (m_reply)
        m_reply->abort();
    setPublicUrl({});
}

bool NgrokWatcher::isRunning() const
{
    return m_timer->isActive();
}

void NgrokWatcher::poll()
{
    if (m_reply)
        return; // one question at a time; a slow agent gets its full timeout
    QUrl url = m_api;
    url.setPath(QStringLiteral("/api/tunnels"));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_reply = m_network->get(request);
    // Bound the memory a misbehaving agent can make us spend.
    connect(m_reply, &QNetworkReply::downloadProgress, m_reply, [reply = m_reply](qint64 received, qint64) {
        if (received > kMaxAnswerBytes)
            reply->abort();
    });
}

void NgrokWatcher::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply == m_reply)
        m_reply = nullptr;
    QString url;
    QString problem;
    if (reply->error() != QNetworkReply::NoError) {
        problem = reply->error() == QNetworkReply::ConnectionRefusedError
            ? QStringLiteral("no ngrok agent at %1").arg(m_api.toString())
            : QStringLiteral("ngrok agent at %1: %2").arg(m_api.toString(), reply->errorString());
    } else {
        url = TunnelList::publicUrlFor(reply->readAll(), m_port, &problem);
        if (url.isEmpty() && problem.isEmpty())
            problem = QStringLiteral("no tunnel to port %1").arg(m_port);
        else if (!problem.isEmpty())
            problem = QStringLiteral("ngrok agent at %1 answered %2").arg(m_api.toString(), problem);
    }
    if (problem != m_problem && !problem.isEmpty())
        qCDebug(lcTunnel).noquote() << problem;
    m_problem = problem;
    if (isRunning())
        setPublicUrl(url);
    Q_EMIT polled();
}

void NgrokWatcher::setPublicUrl(const QString &url)
{
    if (url == m_publicUrl)
        return;
    m_publicUrl = url;
    OwnAddresses::setPublicUrl(url); // forward and replay refuse to send back through it
    qCInfo(lcTunnel).noquote() << (url.isEmpty() ? QStringLiteral("tunnel gone") : QStringLiteral("public URL ") + url);
    Q_EMIT publicUrlChanged(url);
}

} // namespace hookscope
