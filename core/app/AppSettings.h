#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

class QSettings;

namespace hookscope {

struct AppOptions;
class SchemaRegistry;

// The settings of the Settings dialog as stored in QSettings (the platform's config location:
// ~/.config/hookscope/hookscope.conf on Linux), their defaults, their checks, and how they combine
// with the command line. The GUI reads them at start; an option given on the command line wins
// over its setting. --headless reads none: a script's behaviour follows from its command line.
//
// Each check returns "" for a valid value, else the reason in one plain sentence; the dialog
// shows that reason beside the field and the start-up path logs it and keeps the default.
class AppSettings final
{
public:
    // Keys (QSettings paths). receiver/port is shared with the toolbar's port box.
    static constexpr const char *Port = "receiver/port";
    static constexpr const char *Bind = "receiver/bind";
    static constexpr const char *MaxBody = "receiver/maxBodyBytes";
    static constexpr const char *MaxHead = "receiver/maxHeadBytes";
    static constexpr const char *IdleTimeout = "receiver/idleTimeoutSeconds";
    static constexpr const char *MaxConnections = "receiver/maxConnections";
    static constexpr const char *AnswerStatus = "answer/status";
    static constexpr const char *AnswerHeaders = "answer/headers"; // list of "Name: value"
    static constexpr const char *AnswerBody = "answer/body";
    static constexpr const char *KindsFolder = "kinds/folder"; // "" = SchemaRegistry::defaultUserKindsDirectory()
    static constexpr const char *Routes = "kinds/routes"; // list of "PATH=KIND"
    static constexpr const char *InspectTimeout = "kinds/inspectTimeoutSeconds"; // --inspect-timeout
    static constexpr const char *NgrokApi = "tunnel/ngrokApi"; // the ngrok agent's local API (--ngrok-api)

    [[nodiscard]] static QString checkPort(const QString &text);
    [[nodiscard]] static QString checkBind(const QString &text);
    [[nodiscard]] static QString checkBytes(const QString &text, qint64 min, qint64 max);
    [[nodiscard]] static QString checkSeconds(const QString &text);
    [[nodiscard]] static QString checkConnections(const QString &text);
    [[nodiscard]] static QString checkStatus(const QString &text);
    [[nodiscard]] static QString checkHeader(const QString &line);
    [[nodiscard]] static QString checkRoutePath(const QString &path);
    [[nodiscard]] static QString checkFolder(const QString &path);
    // An http:// URL with a host and a port, like http://127.0.0.1:4040.
    [[nodiscard]] static QString checkNgrokApi(const QString &text);
    // Not JSON is allowed (some senders want text) but worth saying: "" or a warning.
    [[nodiscard]] static QString jsonWarning(const QByteArray &body);

    // Overwrites options with the stored settings the command line did not give
    // (options->givenOptions). Invalid stored values are skipped and described in problems.
    static void apply(const QSettings &settings, AppOptions *options, QStringList *problems);

    // The kinds folder (default when unset) and the routes, into the app's registry.
    static void applyKinds(const QSettings &settings, SchemaRegistry *registry);

    [[nodiscard]] static QHash<QString, QString> routes(const QSettings &settings);
    [[nodiscard]] static QStringList routesToList(const QHash<QString, QString> &routes);
};

} // namespace hookscope
