#include "OwnAddresses.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QList>
#include <QMutex>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QUrl>

namespace hookscope {

namespace {

struct Listener
{
    QHostAddress bind;
    quint16 port;
};

struct State
{
    QMutex mutex;
    QList<Listener> listeners;
    QUrl publicUrl;
};

State &state()
{
    static State s;
    return s;
}

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

// True when `host` names this machine: a loopback or wildcard address in any spelling, one of
// its interfaces' addresses, or its own name.
bool isThisMachine(const QString &host, const QHostAddress &bind)
{
    const QString name = host.toLower();
    if (name == QLatin1String("localhost") || name.endsWith(QLatin1String(".localhost"))
        || name == QHostInfo::localHostName().toLower())
        return true;
    QHostAddress address;
    if (!address.setAddress(name))
        return false;
    bool mappedOk = false;
    const quint32 mapped = address.toIPv4Address(&mappedOk); // ::ffff:127.0.0.1 is 127.0.0.1
    if (mappedOk)
        address = QHostAddress(mapped);
    if (address.isLoopback() || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6
        || address == bind)
        return true;
    return QNetworkInterface::allAddresses().contains(address);
}

} // namespace

void OwnAddresses::addListener(const QHostAddress &bind, quint16 port)
{
    State &s = state();
    const QMutexLocker lock(&s.mutex);
    s.listeners.append({bind, port});
}

void OwnAddresses::removeListener(const QHostAddress &bind, quint16 port)
{
    State &s = state();
    const QMutexLocker lock(&s.mutex);
    for (qsizetype i = 0; i < s.listeners.size(); ++i) {
        if (s.listeners.at(i).port == port && s.listeners.at(i).bind == bind) {
            s.listeners.removeAt(i);
            return;
        }
    }
}

void OwnAddresses::setPublicUrl(const QString &url)
{
    State &s = state();
    const QMutexLocker lock(&s.mutex);
    s.publicUrl = QUrl(url);
}

QString OwnAddresses::loopProblem(const QUrl &url)
{
    State &s = state();
    const QMutexLocker lock(&s.mutex);
    const int port = effectivePort(url);
    if (s.publicUrl.isValid() && !s.publicUrl.host().isEmpty()
        && s.publicUrl.host().compare(url.host(), Qt::CaseInsensitive) == 0 && effectivePort(s.publicUrl) == port) {
        return QStringLiteral("%1 is this Hookscope's own public URL (the tunnel forwards it back here): sending there "
                              "would loop")
            .arg(url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
    }
    for (const Listener &listener : std::as_const(s.listeners)) {
        if (listener.port == port && isThisMachine(url.host(), listener.bind)) {
            return QStringLiteral("%1 port %2 is where this Hookscope itself listens: sending there would loop")
                .arg(url.host())
                .arg(port);
        }
    }
    return {};
}

QByteArray OwnAddresses::instanceId()
{
    static const QByteArray id = QByteArray::number(QRandomGenerator::system()->generate64(), 36);
    return id;
}

} // namespace hookscope
