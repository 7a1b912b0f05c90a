#include "TunnelList.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace hookscope {

bool TunnelList::addressMatches(const QString &addr, quint16 port)
{
    const QString text = addr.trimmed();
    if (text.isEmpty())
        return false;
    bool isNumber = false;
    const uint bare = text.toUInt(&isNumber);
    if (isNumber)
        return bare == port;
    // Without a scheme QUrl reads "localhost:8080" as scheme "localhost": give it one.
    const QUrl url = QUrl(text.contains(QLatin1String("://")) ? text : QStringLiteral("http://") + text);
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port(defaultPort) != int(port))
        return false;
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && (address.isLoopback() || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6);
}

QString TunnelList::publicUrlFor(const QByteArray &json, quint16 port, QString *error)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("not JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset);
        return {};
    }
    const QJsonValue tunnels = doc.object().value(QLatin1String("tunnels"));
    if (!tunnels.isArray()) {
        if (error)
            *error = QStringLiteral("no \"tunnels\" array in the answer");
        return {};
    }
    QString http;
    for (const QJsonValue &value : tunnels.toArray()) {
        const QJsonObject tunnel = value.toObject();
        const QString publicUrl = tunnel.value(QLatin1String("public_url")).toString();
        const QString addr = tunnel.value(QLatin1String("config")).toObject().value(QLatin1String("addr")).toString();
        if (publicUrl.isEmpty() || !addressMatches(addr, port))
            continue;
        const QString proto = tunnel.value(QLatin1String("proto")).toString();
        if (proto == QLatin1String("https") || publicUrl.startsWith(QLatin1String("https://")))
            return publicUrl;
        if (http.isEmpty() && (proto == QLatin1String("http") || publicUrl.startsWith(QLatin1String("http://"))))
            http = publicUrl;
    }
    return http;
}

} // namespace hookscope
