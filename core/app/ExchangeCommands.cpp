#include "ExchangeCommands.h"

#include "CommandIo.h"

#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"
#include "query/EventQuery.h"
#include "schema/SchemaRegistry.h"
#include "store/EventStore.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QUrl>

#include <cstdio>

namespace hookscope {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringLiteral("db"),
                              QStringLiteral("Store file (default: %1).").arg(EventStore::defaultPath()),
                              QStringLiteral("path"));
}

void printUsage(const QCommandLineParser &parser, const QString &usage, const QString &details)
{
    QString help = parser.helpText();
    help = help.mid(help.indexOf(u'\n') + 1);
    printOut(QStringLiteral("Usage: %1\n%2%3").arg(usage, help, details));
}

// Parses args (program, sub-command, options…); returns -1 to go on, else an exit code.
int parseArgs(QCommandLineParser &parser, const QStringList &args, const QString &name, const QString &usage,
              const QString &details, const QCommandLineOption &help)
{
    if (!parser.parse(QStringList{args.value(0)} + args.mid(2))) {
        printErr(QStringLiteral("hookscope %1: %2\n").arg(name, parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        printUsage(parser, usage, details);
        return kExitOk;
    }
    return -1;
}

bool openStore(EventStore *store, const QString &path, const QString &name, bool mustExist)
{
    if (mustExist && !QFileInfo::exists(path)) {
        printErr(QStringLiteral("hookscope %1: no store at %2\n").arg(name, path));
        return false;
    }
    QString error;
    if (!store->open(path, &error)) {
        printErr(QStringLiteral("hookscope %1: %2\n").arg(name, error));
        return false;
    }
    return true;
}

// Names each event the export left out (or wrote without a damaged part); true when there was one.
bool printUnreadable(const QList<UnreadableEvents> &unreadable, const QString &storePath)
{
    constexpr qsizetype kNamed = 200; // a store damaged throughout must not flood the terminal
    for (qsizetype i = 0; i < std::min(unreadable.size(), kNamed); ++i)
        printErr(QStringLiteral("hookscope export: %1 %2\n")
                     .arg(unreadable.at(i).partly ? QStringLiteral("written without its damaged part:")
                                                  : QStringLiteral("left out, unreadable:"),
                          unreadable.at(i).describe()));
    if (unreadable.size() > kNamed)
        printErr(QStringLiteral("hookscope export: … and %1 more (hookscope check-store --db %2 lists them all)\n")
                     .arg(unreadable.size() - kNamed)
                     .arg(storePath));
    return !unreadable.isEmpty();
}

} // namespace

int runExportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption db = dbOption();
    const QCommandLineOption format(
        {QStringLiteral("f"), QStringLiteral("format")},
        QStringLiteral("json (a hookscope export, the default; .har files default to har), har (HAR 1.2) or curl "
                       "(a POSIX sh script, one curl command per event; .sh files default to curl)."),
        QStringLiteral("format"));
    const QCommandLineOption filter(QStringLiteral("filter"),
                                    QStringLiteral("Only events whose target, headers or body contain TEXT "
                                                   "(ignoring ASCII case), as the window's filter box."),
                                    QStringLiteral("text"));
    const QCommandLineOption query(QStringLiteral("query"),
                                   QStringLiteral("Only events QUERY matches, in the window's filter language "
                                                  "(status >= 500 and body.data.status = cancelled; docs/QUERY.md)."),
                                   QStringLiteral("query"));
    const QCommandLineOption out({QStringLiteral("o"), QStringLiteral("out")},
                                 QStringLiteral("File to write (replaced only once complete)."), QStringLiteral("file"));
    const QCommandLineOption redactAuth(QStringLiteral("redact-auth"),
                                        QStringLiteral("Write Authorization and Proxy-Authorization headers with their "
                                                       "credentials replaced by [redacted] (the store keeps them)."));
    const QCommandLineOption url(QStringLiteral("url"),
                                 QStringLiteral("With --format curl: where the commands send to (scheme://host[:port]; "
                                                "default: where each request was sent)."),
                                 QStringLiteral("url"));
    parser.addOptions({help, db, format, filter, query, out, redactAuth, url});
    const QString usage = QStringLiteral("hookscope export [--db PATH] [--format json|har|curl] [--url URL] "
                                         "[--filter TEXT | --query QUERY] [--redact-auth] --out FILE");
    if (const int code = parseArgs(parser, args, QStringLiteral("export"), usage,
                                   QStringLiteral("\nA damaged store is exported as far as it can be read: events "
                                                  "that cannot be read are left out and named on stderr (see "
                                                  "hookscope check-store). FILE may not be the store or one of its "
                                                  "files (-wal, -shm), by any name or link.\nExit status: 0 written, "
                                                  "1 written without the unreadable events named on stderr, 2 wrong "
                                                  "usage, FILE is part of the store, unreadable store or unwritable "
                                                  "file.\n"),
                                   help);
        code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        printErr(QStringLiteral("hookscope export: unexpected argument \"%1\" (the file goes after --out)\n")
                     .arg(parser.positionalArguments().first()));
        return kExitUsage;
    }
    const QString outPath = parser.value(out);
    if (outPath.isEmpty()) {
        printErr(QStringLiteral("hookscope export: --out FILE is required (try --help)\n"));
        return kExitUsage;
    }
    ExportFormat exportFormat = EventExporter::formatForPath(outPath);
    if (parser.isSet(format)) {
        const QString name = parser.value(format);
        if (name == QLatin1String("json"))
            exportFormat = ExportFormat::HookscopeJson;
        else if (name == QLatin1String("har"))
            exportFormat = ExportFormat::Har;
        else if (name == QLatin1String("curl"))
            exportFormat = ExportFormat::CurlScript;
        else {
            printErr(QStringLiteral("hookscope export: --format must be json, har or curl, not \"%1\"\n").arg(name));
            return kExitUsage;
        }
    }
    if (parser.isSet(url) && exportFormat != ExportFormat::CurlScript) {
        printErr(QStringLiteral("hookscope export: --url is for --format curl\n"));
        return kExitUsage;
    }
    if (const QUrl base(parser.value(url), QUrl::StrictMode);
        parser.isSet(url)
        && (!base.isValid() || base.host().isEmpty()
            || (base.scheme() != QLatin1String("http") && base.scheme() != QLatin1String("https")))) {
        printErr(QStringLiteral("hookscope export: --url: '%1' is not a URL like http://localhost:3000\n")
                     .arg(parser.value(url)));
        return kExitUsage;
    }
    if (parser.isSet(filter) && parser.isSet(query)) {
        printErr(QStringLiteral("hookscope export: --filter and --query cannot be combined\n"));
        return kExitUsage;
    }
    std::optional<EventFilter> wanted;
    if (parser.isSet(filter) && !parser.value(filter).trimmed().isEmpty())
        wanted = EventFilter::forText(parser.value(filter).trimmed());
    if (parser.isSet(query) && !parser.value(query).trimmed().isEmpty()) {
        SchemaRegistry registry; // vendor = … names the kinds of a pack
        const EventQuery::Result parsed
            = EventQuery::filterFor(parser.value(query).trimmed(), EventQuery::contextFor(registry.catalog()));
        if (!parsed.ok()) {
            printErr(QStringLiteral("hookscope export: --query: %1\n").arg(parsed.error.toString()));
            return kExitUsage;
        }
        wanted = parsed.filter;
    }
    EventStore store;
    if (!openStore(&store, parser.isSet(db) ? parser.value(db) : EventStore::defaultPath(), QStringLiteral("export"),
                   true))
        return kExitUsage;
    std::optional<QList<qint64>> ids;
    EventExporter exporter(&store);
    if (wanted) {
        const EventFilter &needle = *wanted;
        bool complete = true;
        ids = store.matchingIds(needle, 0, store.maxId(), &complete);
        if (!complete) { // a damaged page stopped the search: match while reading past the damage
            ids.reset();
            exporter.setFilter(needle);
        }
    }
    exporter.setRedactAuthorization(parser.isSet(redactAuth));
    exporter.setCurlBaseUrl(parser.value(url));
    const ExportResult result = exporter.exportTo(outPath, exportFormat, ids);
    if (!result.ok) {
        printErr(QStringLiteral("hookscope export: %1\n").arg(result.error));
        return kExitUsage;
    }
    printErr(QStringLiteral("hookscope export: %1 %2 written to %3\n")
                 .arg(result.written)
                 .arg(result.written == 1 ? QStringLiteral("event") : QStringLiteral("events"), outPath));
    return printUnreadable(result.unreadable, store.path()) ? kExitRefused : kExitOk;
}

int runImportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption db = dbOption();
    parser.addOptions({help, db});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A hookscope export or a HAR file."));
    const QString usage = QStringLiteral("hookscope import [--db PATH] FILE");
    if (const int code = parseArgs(parser, args, QStringLiteral("import"), usage,
                                   QStringLiteral("\nAdds the file's events to the store (new ids, original receive "
                                                  "times, marked imported), all or nothing; a HAR's entries that were never requests (data: URLs, "
                                                  "no method) are skipped and listed.\nExit status: 0 imported, "
                                                  "1 the file was refused (the reason and position go to stderr), 2 "
                                                  "wrong usage, unreadable file or store.\n"),
                                   help);
        code >= 0)
        return code;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        printErr(files.isEmpty() ? QStringLiteral("hookscope import: no FILE given (try --help)\n")
                                 : QStringLiteral("hookscope import: one FILE at a time\n"));
        return kExitUsage;
    }
    EventStore store;
    if (!openStore(&store, parser.isSet(db) ? parser.value(db) : EventStore::defaultPath(), QStringLiteral("import"),
                   false))
        return kExitUsage;
    const ImportResult result = EventImporter::importInto(&store, files.first());
    if (!result.ok) {
        printErr(QStringLiteral("hookscope import: %1: %2\n").arg(files.first(), result.error));
        return result.unreadable ? kExitUsage : kExitRefused;
    }
    printErr(QStringLiteral("hookscope import: %1 %2 imported from %3\n")
                 .arg(result.imported)
                 .arg(result.imported == 1 ? QStringLiteral("event") : QStringLiteral("events"), files.first()));
    if (result.skipped > 0)
        printErr(QStringLiteral("hookscope import: %1\n").arg(result.skippedSummary(true)));
    return kExitOk;
}

} // namespace hookscope
