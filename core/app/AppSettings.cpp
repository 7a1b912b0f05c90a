#include "AppSettings.h"

#include "AppOptions.h"
#include "schema/SchemaRegistry.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QSettings>
#include <QUrl>

#include <algorithm>
#include <functional>

namespace hookscope {

namespace {

Q_LOGGING_CATEGORY(lcSettings, "hookscope.settings")

bool isTokenChar(QChar c)
{
    // RFC 9110 tchar
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || QStringLiteral("!#$%&'*+-.^_`|~").contains(c);
}

bool given(const AppOptions &options, const char *name)
{
    return options.givenOptions.contains(QLatin1String(name));
}

} // namespace

QString AppSettings::checkPort(const QString &text)
{
    bool ok = false;
    const uint port = text.trimmed().toUInt(&ok);
    if (!ok || port > 65535)
        return QStringLiteral("The port is a whole number from 0 to 65535 (0 picks a free one).");
    return {};
}

QString AppSettings::checkBind(const QString &text)
{
    const QString t = text.trimmed();
    if (t == QLatin1String("localhost") || QHostAddress().setAddress(t))
        return {};
    return QStringLiteral("'%1' is not an IP address (for example 127.0.0.1, ::1 or 0.0.0.0).").arg(t);
}

QString AppSettings::checkBytes(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return QStringLiteral("Enter a number of bytes from %1 to %2.").arg(min).arg(max);
    return {};
}

QString AppSettings::checkSeconds(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || value <= 0 || value > 24 * 3600)
        return QStringLiteral("Enter a number of seconds above 0 and at most 86400 (one day).");
    return {};
}

QString AppSettings::checkConnections(const QString &text)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 1 || value > 100000)
        return QStringLiteral("Enter a whole number from 1 to 100000.");
    return {};
}

QString AppSettings::checkStatus(const QString &text)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 200 || value > 599)
        return QStringLiteral("The status is a number from 200 to 599.");
    return {};
}

QString AppSettings::checkHeader(const QString &line)
{
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return QStringLiteral("'%1' is not \"Name: value\".").arg(line);
    const QString name = line.left(colon).trimmed();
    if (name.isEmpty() || !std::all_of(name.cbegin(), name.cend(), isTokenChar))
        return QStringLiteral("'%1' is not a header name (letters, digits and !#$%&'*+-.^_`|~).").arg(name);
    if (line.contains(QLatin1Char('\n')) || line.contains(QLatin1Char('\r')))
        return QStringLiteral("A header value cannot contain a line break.");
    return {};
}

QString AppSettings::checkRoutePath(const QString &route)
{
    // "*/service/actions/x" matches every path that ends so (vendor packs' routes).
    const bool pattern = route.startsWith(QLatin1String("*/"));
    const QString path = pattern ? route.mid(1) : route;
    if (!path.startsWith(QLatin1Char('/')))
        return QStringLiteral("A route is a request path starting with '/', such as /hooks/jicoo, "
                              "or the end of one after '*', such as */service/actions/afterBookAppointment.");
    if (path.contains(QLatin1Char('*')))
        return QStringLiteral("A route may hold '*' only at its start, followed by '/'.");
    if (path.contains(QLatin1Char('?')) || path.contains(QLatin1Char('#')))
        return QStringLiteral("A route is matched against the path only: leave out '?' and '#'.");
    if (std::any_of(path.cbegin(), path.cend(), [](QChar c) { return c.isSpace(); }))
        return QStringLiteral("A route cannot contain spaces.");
    return {};
}

QString AppSettings::checkFolder(const QString &path)
{
    if (path.trimmed().isEmpty() || QFileInfo(path.trimmed()).isDir())
        return {};
    return QStringLiteral("'%1' is not an existing folder.").arg(path.trimmed());
}

QString AppSettings::checkNgrokApi(const QString &text)
{
    const QString t = text.trimmed();
    const QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.host().isEmpty())
        return QStringLiteral("'%1' is not an http:// address like http://127.0.0.1:4040.").arg(t);
    if (url.port() < 1)
        return QStringLiteral("'%1' has no port: the agent listens on one, usually 4040.").arg(t);
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return QStringLiteral("Give the agent's address only, without a path (/api/tunnels is added).");
    return {};
}

QString AppSettings::jsonWarning(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return {};
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        return {};
    return QStringLiteral("Not JSON (%1 at offset %2); it is sent as it is.").arg(error.errorString()).arg(error.offset);
}

QHash<QString, QString> AppSettings::routes(const QSettings &settings)
{
    QHash<QString, QString> routes;
    for (const QString &entry : settings.value(QLatin1String(Routes)).toStringList()) {
        const qsizetype eq = entry.lastIndexOf(QLatin1Char('='));
        if (eq > 0 && checkRoutePath(entry.left(eq)).isEmpty() && eq + 1 < entry.size())
            routes.insert(entry.left(eq), entry.mid(eq + 1));
    }
    return routes;
}

void AppSettings::applyKinds(const QSettings &settings, SchemaRegistry *registry)
{
    const QString folder = settings.value(QLatin1String(KindsFolder)).toString().trimmed();
    registry->setUserKindsDirectory(folder.isEmpty() ? SchemaRegistry::defaultUserKindsDirectory() : folder);
    registry->setRoutes(routes(settings));
}

QStringList AppSettings::routesToList(const QHash<QString, QString> &routes)
{
    QStringList list;
    for (auto it = routes.cbegin(); it != routes.cend(); ++it)
        list.append(it.key() + QLatin1Char('=') + it.value());
    list.sort();
    return list;
}

void AppSettings::apply(const QSettings &settings, AppOptions *options, QStringList *problems)
{
    ReceiverConfig &rc = options->receiver;
    // Reads key when it is stored and its option was not given; check() validates the text.
    const auto take = [&](const char *key, const char *option, const std::function<QString(const QString &)> &check,
                          const std::function<void(const QString &)> &set) {
        if (!settings.contains(QLatin1String(key)) || given(*options, option))
            return;
        const QString text = settings.value(QLatin1String(key)).toString();
        if (const QString reason = check(text); !reason.isEmpty()) {
            problems->append(QStringLiteral("setting %1 ignored: %2").arg(QLatin1String(key), reason));
            qCWarning(lcSettings).noquote() << problems->last();
            return;
        }
        set(text.trimmed());
    };
    take(Port, "port", checkPort, [&](const QString &t) { rc.port = quint16(t.toUInt()); });
    take(Bind, "bind", checkBind, [&](const QString &t) {
        rc.bindAddress = t == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(t);
    });
    take(MaxBody, "max-body", [](const QString &t) { return checkBytes(t, 1, qint64(4) << 30); },
         [&](const QString &t) { rc.limits.maxBodyBytes = t.toLongLong(); });
    take(MaxHead, "max-head", [](const QString &t) { return checkBytes(t, 256, 16 << 20); },
         [&](const QString &t) { rc.limits.maxHeadBytes = t.toLongLong(); });
    take(IdleTimeout, "idle-timeout", checkSeconds, [&](const QString &t) { rc.idleTimeoutMs = qMax(1, int(t.toDouble() * 1000)); });
    take(MaxConnections, "max-connections", checkConnections, [&](const QString &t) { rc.maxConnections = t.toInt(); });
    take(InspectTimeout, "inspect-timeout", checkSeconds,
         [&](const QString &t) { options->inspectTimeoutMs = qMax(1, int(t.toDouble() * 1000)); });
    take(NgrokApi, "ngrok-api", checkNgrokApi, [&](const QString &t) { options->ngrokApi = QUrl(t); });
    take(AnswerStatus, "response-status", checkStatus, [&](const QString &t) { rc.defaultResponse.status = t.toInt(); });

    if (settings.contains(QLatin1String(AnswerHeaders)) && !given(*options, "response-header")) {
        HeaderList headers;
        bool ok = true;
        for (const QString &line : settings.value(QLatin1String(AnswerHeaders)).toStringList()) {
            if (const QString reason = checkHeader(line); !reason.isEmpty()) {
                problems->append(QStringLiteral("setting %1 ignored: %2").arg(QLatin1String(AnswerHeaders), reason));
                ok = false;
                break;
            }
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            headers.append({line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8()});
        }
        if (ok)
            rc.defaultResponse.headers = headers;
    }
    if (settings.contains(QLatin1String(AnswerBody)) && !given(*options, "response-body")
        && !given(*options, "response-body-file"))
        rc.defaultResponse.body = settings.value(QLatin1String(AnswerBody)).toString().toUtf8();
}

} // namespace hookscope
