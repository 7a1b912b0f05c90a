#include "CheckStoreCommand.h"

#include "CommandIo.h"

#include "store/EventStore.h"
#include "store/StoreHealth.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QLocale>

namespace hookscope {

namespace {

constexpr int kExitHealthy = 0;
constexpr int kExitDamaged = 1;
constexpr int kExitUsage = 2;

const QString kUsage = QStringLiteral("hookscope check-store [--db PATH] [--full]");

QString advice(const QString &path)
{
    return QStringLiteral("What now: the file is left as it is. Hookscope keeps capturing into it, and the readable "
                          "events are shown and exported as usual. To start over on a sound store with everything "
                          "that can be read:\n"
                          "  hookscope export --db %1 --out saved.json\n"
                          "  hookscope import --db NEW.sqlite saved.json\n"
                          "then start hookscope with --db NEW.sqlite (keep the damaged file until you are sure).\n")
        .arg(path);
}

void printReport(const StoreHealthReport &report)
{
    QString out = QStringLiteral("Store: %1 (%2)\n")
                      .arg(report.path, QLocale::c().formattedDataSize(QFileInfo(report.path).size()));
    out += report.integrityOk() ? QStringLiteral("Pages: ok\n")
                                : QStringLiteral("Pages: damaged (SQLite's check):\n  %1\n")
                                      .arg(report.integrity.join(QStringLiteral("\n  ")));
    qint64 unreadable = 0;
    qint64 ranges = 0;
    for (const UnreadableEvents &entry : report.unreadable) {
        if (!entry.partly)
            ++(entry.isRange() ? ranges : unreadable);
    }
    out += QStringLiteral("Events: %1 readable, %2 readable without a damaged part, %3 unreadable")
               .arg(report.readable)
               .arg(report.partly)
               .arg(unreadable);
    if (ranges > 0)
        out += ranges == 1 ? QStringLiteral(", 1 damaged range of ids")
                           : QStringLiteral(", %1 damaged ranges of ids").arg(ranges);
    out += QLatin1Char('\n');
    if (!report.unreadable.isEmpty()) {
        out += QStringLiteral("Unreadable:\n");
        for (const UnreadableEvents &entry : report.unreadable)
            out += QStringLiteral("  %1\n").arg(entry.describe());
    }
    out += report.healthy() ? QStringLiteral("Verdict: healthy\n")
                            : QStringLiteral("Verdict: damaged: %1\n%2").arg(report.summary(), advice(report.path));
    printOut(out);
}

} // namespace

int runCheckStoreCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Checks an event store without changing it: SQLite's check of its pages, then every event "
                       "read as hookscope export reads it (a compressed body that no longer decompresses, a body "
                       "of another size than stored, an inspection result that is not JSON). Prints the counts and "
                       "each event that cannot be read, by id, or as a range of ids when a damaged page hides "
                       "which ids it held."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("Store file (default: %1).").arg(EventStore::defaultPath()),
                                QStringLiteral("path"));
    const QCommandLineOption full(QStringLiteral("full"),
                                  QStringLiteral("SQLite's integrity_check (also every index entry; slower) instead "
                                                 "of quick_check."));
    parser.addOptions({help, db, full});
    if (!parser.parse(QStringList{args.value(0)} + args.mid(2))) {
        printErr(QStringLiteral("hookscope check-store: %1\n").arg(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text = text.mid(text.indexOf(u'\n') + 1);
        printOut(QStringLiteral("Usage: %1\n%2\nExit status: 0 healthy, 1 damaged (the report says what cannot be "
                                "read), 2 wrong usage, no store file, or a store of another schema version.\n")
                     .arg(kUsage, text));
        return kExitHealthy;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(QStringLiteral("hookscope check-store: unexpected argument \"%1\" (the store goes after --db)\n")
                     .arg(parser.positionalArguments().first()));
        return kExitUsage;
    }
    const QString path = parser.isSet(db) ? parser.value(db) : EventStore::defaultPath();
    const StoreHealthReport report =
        StoreHealth::check(path, parser.isSet(full) ? StoreHealth::Depth::Full : StoreHealth::Depth::Quick);
    if (!report.opened && !report.damagedFile) {
        printErr(QStringLiteral("hookscope check-store: %1\n").arg(report.error));
        return kExitUsage;
    }
    if (report.damagedFile) {
        printOut(QStringLiteral("Store: %1\nPages: damaged: %2\nVerdict: damaged: no event can be read. Hookscope "
                                "keeps such a file aside (renamed to %1.corrupt-…) and starts a new store when it "
                                "starts.\n")
                     .arg(report.path, report.integrity.value(0)));
        return kExitDamaged;
    }
    printReport(report);
    return report.healthy() ? kExitHealthy : kExitDamaged;
}

} // namespace hookscope
