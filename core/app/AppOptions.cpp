#include "AppOptions.h"

#include <QCommandLineParser>
#include <QFile>

namespace hookscope {

namespace {

struct Options
{
    QCommandLineOption headless{QStringLiteral("headless"),
                                QStringLiteral("Run the receiver and store without a window; one line per event on stdout.")};
    QCommandLineOption bind{QStringLiteral("bind"),
                            QStringLiteral("Address to listen on (default 127.0.0.1; ngrok forwards to localhost)."),
                            QStringLiteral("ADDR"), QStringLiteral("127.0.0.1")};
    QCommandLineOption port{QStringLiteral("port"), QStringLiteral("TCP port to listen on; 0 picks a free one (default 8080)."),
                            QStringLiteral("N"), QStringLiteral("8080")};
    QCommandLineOption db{QStringLiteral("db"),
                          QStringLiteral("Event store file (default: %1).").arg(EventStore::defaultPath()),
                          QStringLiteral("PATH")};
    QCommandLineOption sync{QStringLiteral("sync"),
                            QStringLiteral("full: fsync every commit (survives power loss, default); normal: survives "
                                           "a crash of Hookscope, not of the machine."),
                            QStringLiteral("MODE"), QStringLiteral("full")};
    QCommandLineOption noValidate{QStringLiteral("no-validate"),
                                  QStringLiteral("Do not classify and validate events (they are still stored).")};
    QCommandLineOption maxBody{QStringLiteral("max-body"),
                               QStringLiteral("Largest request body accepted, in bytes; larger gets 413 (default 16777216)."),
                               QStringLiteral("BYTES"), QStringLiteral("16777216")};
    QCommandLineOption maxHead{QStringLiteral("max-head"),
                               QStringLiteral("Largest request line + headers, in bytes; larger gets 431 (default 65536)."),
                               QStringLiteral("BYTES"), QStringLiteral("65536")};
    QCommandLineOption idleTimeout{QStringLiteral("idle-timeout"),
                                   QStringLiteral("Seconds a client may send nothing mid-request before 408 (default 30)."),
                                   QStringLiteral("SECONDS"), QStringLiteral("30")};
    QCommandLineOption maxConnections{QStringLiteral("max-connections"),
                                      QStringLiteral("Open connections at most; more wait to be accepted (default 1024)."),
                                      QStringLiteral("N"), QStringLiteral("1024")};
    QCommandLineOption responseStatus{QStringLiteral("response-status"),
                                      QStringLiteral("Status of the default answer (default 200)."), QStringLiteral("CODE"),
                                      QStringLiteral("200")};
    QCommandLineOption responseHeader{QStringLiteral("response-header"),
                                      QStringLiteral("Header of the default answer, \"Name: value\"; repeatable. Replaces "
                                                     "the default Content-Type: application/json."),
                                      QStringLiteral("HEADER")};
    QCommandLineOption responseBody{QStringLiteral("response-body"),
                                    QStringLiteral("Body of the default answer (default {\"ok\":true})."), QStringLiteral("TEXT")};
    QCommandLineOption responseBodyFile{QStringLiteral("response-body-file"),
                                        QStringLiteral("Read the default answer's body from FILE."), QStringLiteral("FILE")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Render the main window with a few sample events (temporary store, "
                                                 "offscreen) to FILE.png and exit."),
                                  QStringLiteral("FILE")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QStringLiteral(
            "Hookscope: a desktop webhook inspector. Captures every request sent to it, stores it durably "
            "and shows it exactly as it came."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({headless, bind, port, db, sync, noValidate, maxBody, maxHead, idleTimeout, maxConnections,
                           responseStatus, responseHeader, responseBody, responseBodyFile, screenshot});
    }
};

bool toPositive(const QString &text, qint64 *out)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0)
        return false;
    *out = value;
    return true;
}

} // namespace

QString CommandLine::helpText()
{
    QCommandLineParser parser;
    Options().addTo(parser);
    // Printed before any QCoreApplication exists, when Qt cannot name the executable.
    return parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("hookscope"));
}

ParseOutcome CommandLine::parse(const QStringList &args, AppOptions *options, QString *error)
{
    QCommandLineParser parser;
    const Options o;
    o.addTo(parser);
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return ParseOutcome::Error;
    }
    if (parser.isSet(QStringLiteral("help")))
        return ParseOutcome::Help;
    if (parser.isSet(QStringLiteral("version")))
        return ParseOutcome::Version;
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first());
        return ParseOutcome::Error;
    }

    AppOptions &out = *options;
    ReceiverConfig &rc = out.receiver;
    out.givenOptions = parser.optionNames();
    out.headless = parser.isSet(o.headless);
    out.validate = !parser.isSet(o.noValidate);
    if (!rc.bindAddress.setAddress(parser.value(o.bind))) {
        if (parser.value(o.bind) == QLatin1String("localhost")) {
            rc.bindAddress = QHostAddress(QHostAddress::LocalHost);
        } else {
            *error = QStringLiteral("--bind: '%1' is not an IP address").arg(parser.value(o.bind));
            return ParseOutcome::Error;
        }
    }
    bool ok = false;
    const uint port = parser.value(o.port).toUInt(&ok);
    if (!ok || port > 65535) {
        *error = QStringLiteral("--port: '%1' is not a port number (0-65535)").arg(parser.value(o.port));
        return ParseOutcome::Error;
    }
    rc.port = quint16(port);
    out.portGiven = parser.isSet(o.port);
    out.dbPath = parser.value(o.db);
    const QString sync = parser.value(o.sync);
    if (sync == QLatin1String("full")) {
        out.sync = SyncMode::Full;
    } else if (sync == QLatin1String("normal")) {
        out.sync = SyncMode::Normal;
    } else {
        *error = QStringLiteral("--sync: '%1' is neither 'full' nor 'normal'").arg(sync);
        return ParseOutcome::Error;
    }
    if (!toPositive(parser.value(o.maxBody), &rc.limits.maxBodyBytes)) {
        *error = QStringLiteral("--max-body: '%1' is not a positive number of bytes").arg(parser.value(o.maxBody));
        return ParseOutcome::Error;
    }
    if (!toPositive(parser.value(o.maxHead), &rc.limits.maxHeadBytes)) {
        *error = QStringLiteral("--max-head: '%1' is not a positive number of bytes").arg(parser.value(o.maxHead));
        return ParseOutcome::Error;
    }
    const double idle = parser.value(o.idleTimeout).toDouble(&ok);
    if (!ok || idle <= 0 || idle > 24 * 3600) {
        *error = QStringLiteral("--idle-timeout: '%1' is not a number of seconds").arg(parser.value(o.idleTimeout));
        return ParseOutcome::Error;
    }
    rc.idleTimeoutMs = qMax(1, int(idle * 1000));
    qint64 maxConnections = 0;
    if (!toPositive(parser.value(o.maxConnections), &maxConnections) || maxConnections > 100000) {
        *error = QStringLiteral("--max-connections: '%1' is not a number from 1 to 100000")
                     .arg(parser.value(o.maxConnections));
        return ParseOutcome::Error;
    }
    rc.maxConnections = int(maxConnections);

    const int status = parser.value(o.responseStatus).toInt(&ok);
    if (!ok || status < 200 || status > 599) {
        *error = QStringLiteral("--response-status: '%1' is not a status from 200 to 599").arg(parser.value(o.responseStatus));
        return ParseOutcome::Error;
    }
    rc.defaultResponse.status = status;
    if (parser.isSet(o.responseHeader)) {
        rc.defaultResponse.headers.clear();
        for (const QString &header : parser.values(o.responseHeader)) {
            const qsizetype colon = header.indexOf(QLatin1Char(':'));
            if (colon <= 0 || header.contains(QLatin1Char('\n')) || header.contains(QLatin1Char('\r'))) {
                *error = QStringLiteral("--response-header: '%1' is not \"Name: value\"").arg(header);
                return ParseOutcome::Error;
            }
            rc.defaultResponse.headers.append({header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8()});
        }
    }
    if (parser.isSet(o.responseBody))
        rc.defaultResponse.body = parser.value(o.responseBody).toUtf8();
    if (parser.isSet(o.responseBodyFile)) {
        QFile file(parser.value(o.responseBodyFile));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("--response-body-file: cannot read %1: %2").arg(file.fileName(), file.errorString());
            return ParseOutcome::Error;
        }
        rc.defaultResponse.body = file.readAll();
    }
    out.screenshotPath = parser.value(o.screenshot);
    return ParseOutcome::Run;
}

} // namespace hookscope
