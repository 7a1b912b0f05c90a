#include "StoreHealth.h"

#include "StoreRecovery.h"
#include "util/CpuPacer.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <sqlite3.h>

namespace hookscope {

namespace {

constexpr int kIntegrityMessages = 100; // SQLite stops listing problems after these
constexpr int kSummaryEntries = 5;

struct Interrupt
{
    const std::atomic<bool> *cancel = nullptr;
    CpuPacer *pacer = nullptr;
};

// Called by SQLite every 1,000 virtual-machine steps of the check: pace, or stop it.
int progress(void *context)
{
    const auto *interrupt = static_cast<const Interrupt *>(context);
    if (interrupt->pacer)
        interrupt->pacer->pace();
    return interrupt->cancel && interrupt->cancel->load(std::memory_order_relaxed) ? 1 : 0;
}

// SQLite's page-level verdict, on a read-only connection of its own.
QStringList integrityCheck(const QString &path, StoreHealth::Depth depth, Interrupt *interrupt, bool *ran)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("hookscope-health-%1").arg(counter.fetchAndAddRelaxed(1));
    QStringList messages;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(EventStore::kBusyTimeoutMs));
        if (db.open()) {
            // A read-only check deletes nothing; still, no connection of Hookscope's lacks them.
            (void)EventStore::enforceForeignKeys(db);
            const QVariant handle = db.driver()->handle();
            sqlite3 *sqlite = handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
                ? *static_cast<sqlite3 *const *>(handle.constData())
                : nullptr;
            if (sqlite)
                sqlite3_progress_handler(sqlite, 1000, progress, interrupt);
            QSqlQuery q(db);
            q.setForwardOnly(true);
            const QString pragma = depth == StoreHealth::Depth::Full ? QStringLiteral("integrity_check")
                                                                     : QStringLiteral("quick_check");
            *ran = q.exec(QStringLiteral("PRAGMA %1(%2)").arg(pragma).arg(kIntegrityMessages));
            // One row can hold several lines, under a "*** in database main ***" heading.
            while (*ran && q.next()) {
                for (const QString &line : q.value(0).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                    if (!line.startsWith(QLatin1String("***")))
                        messages.append(line.trimmed());
                }
            }
            if (!*ran || q.lastError().isValid())
                messages.append(q.lastError().databaseText());
            q = QSqlQuery();
            if (sqlite)
                sqlite3_progress_handler(sqlite, 0, nullptr, nullptr);
        } else {
            messages.append(db.lastError().databaseText());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    messages.removeAll(QString());
    return messages;
}

} // namespace

QString StoreHealthReport::summary() const
{
    if (!opened)
        return error;
    QStringList parts;
    if (!integrityOk())
        parts.append(QStringLiteral("SQLite finds damaged pages (%1)").arg(integrity.value(0)));
    QStringList ids;
    qsizetype singles = 0;
    qsizetype ranges = 0;
    for (const UnreadableEvents &entry : unreadable) {
        if (entry.partly)
            continue;
        ++(entry.isRange() ? ranges : singles);
        if (ids.size() == kSummaryEntries)
            ids.append(QStringLiteral("…"));
        if (ids.size() >= kSummaryEntries)
            continue;
        if (entry.lastId == UnreadableEvents::kToTheEnd)
            ids.append(QStringLiteral("#%1 on").arg(entry.firstId));
        else if (entry.isRange())
            ids.append(QStringLiteral("#%1 to #%2").arg(entry.firstId).arg(entry.lastId));
        else
            ids.append(QStringLiteral("#%1").arg(entry.firstId));
    }
    QStringList counts;
    if (singles > 0)
        counts.append(singles == 1 ? QStringLiteral("1 event") : QStringLiteral("%1 events").arg(singles));
    if (ranges > 0)
        counts.append(ranges == 1 ? QStringLiteral("1 range of ids") : QStringLiteral("%1 ranges of ids").arg(ranges));
    if (!counts.isEmpty())
        parts.append(QStringLiteral("%1 cannot be read (%2)")
                         .arg(counts.join(QStringLiteral(" and ")), ids.join(QStringLiteral(", "))));
    if (partly > 0) {
        QStringList partIds;
        for (const UnreadableEvents &entry : unreadable) {
            if (entry.partly && partIds.size() <= kSummaryEntries)
                partIds.append(partIds.size() == kSummaryEntries ? QStringLiteral("…")
                                                                 : QStringLiteral("#%1").arg(entry.firstId));
        }
        const QString what = partly == 1 ? QStringLiteral("1 event has") : QStringLiteral("%1 events have").arg(partly);
        parts.append(QStringLiteral("%1 a damaged inspection result (%2)").arg(what, partIds.join(QStringLiteral(", "))));
    }
    if (cancelled)
        parts.append(QStringLiteral("the check was stopped"));
    if (parts.isEmpty())
        return QStringLiteral("healthy: %1 events, all readable").arg(readable);
    return parts.join(QStringLiteral("; "));
}

StoreHealthReport StoreHealth::check(const QString &path, Depth depth, const std::atomic<bool> *cancel, bool paced)
{
    StoreHealthReport report;
    report.path = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo(path).isFile()) {
        report.error = QStringLiteral("no store at %1").arg(path);
        return report;
    }
    CpuPacer pacer;
    Interrupt interrupt{cancel, paced ? &pacer : nullptr};
    const auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

    EventStore store;
    if (!store.openForReading(path, &report.error)) {
        QString why;
        if (StoreRecovery::isDamaged(path, &why)) {
            report.damagedFile = true;
            report.integrity = {why};
            report.error = QStringLiteral("%1 is damaged as a whole (%2): no event can be read").arg(path, why);
        }
        return report;
    }
    report.opened = true;
    bool ran = false;
    if (depth != Depth::Events)
        report.integrity = integrityCheck(report.path, depth, &interrupt, &ran);
    if (cancelled()) {
        report.cancelled = true;
        return report;
    }
    SalvageReader reader(&store, [&report](const UnreadableEvents &damage) {
        report.unreadable.append(damage);
        if (damage.partly)
            ++report.partly;
    });
    if (paced)
        reader.setWindow(100);
    const bool complete = reader.visitAll(0, [&](const Event &, const std::optional<EventInfo> &) {
        ++report.readable;
        if (paced)
            pacer.pace();
        return !cancelled();
    });
    report.readable -= report.partly; // those are counted apart
    report.cancelled = !complete;
    return report;
}

} // namespace hookscope
