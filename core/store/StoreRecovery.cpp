#include "StoreRecovery.h"

#include "util/Log.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace hookscope {

namespace {

constexpr auto kSqliteCorrupt = "11";
constexpr auto kSqliteNotADb = "26";

bool isCorruptionError(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String(kSqliteCorrupt) || code == QLatin1String(kSqliteNotADb)
        || error.text().contains(QLatin1String("not a database")) || error.text().contains(QLatin1String("malformed"));
}

} // namespace

bool StoreRecovery::isDamaged(const QString &path, QString *why)
{
    if (!QFileInfo::exists(path) || QFileInfo(path).size() == 0)
        return false;
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("hookscope-recovery-%1").arg(counter.fetchAndAddRelaxed(1));
    bool damaged = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            // A read-only check deletes nothing; still, no connection of Hookscope's lacks them.
            (void)EventStore::enforceForeignKeys(db);
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA quick_check(1)"))) {
                damaged = isCorruptionError(q.lastError());
                *why = q.lastError().databaseText();
            } else if (q.next() && q.value(0).toString() != QLatin1String("ok")) {
                damaged = true;
                *why = q.value(0).toString();
            }
            q = QSqlQuery();
            db.close();
        } else {
            damaged = isCorruptionError(db.lastError());
            *why = db.lastError().databaseText();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return damaged;
}

StoreRecovery::Outcome StoreRecovery::open(const QString &path, SyncMode sync)
{
    Outcome out;
    {
        EventStore probe; // creates and migrates the file before the writer takes it
        if (probe.open(path, &out.error, sync)) {
            out.ok = true;
            out.count = probe.count();
            return out;
        }
    }
    QString why;
    if (!isDamaged(path, &why))
        return out; // refused for a reason that renaming would not cure
    const QString aside = path + QStringLiteral(".corrupt-")
        + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = aside;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = aside + QStringLiteral("-%1").arg(n);
    if (!QFile::rename(path, target)) {
        out.error = QStringLiteral("%1 is damaged (%2) and could not be renamed aside").arg(path, why);
        return out;
    }
    // The journal files belong to the damaged file: they go with it, or SQLite would
    // try to replay them into the new store.
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(path + suffix))
            QFile::rename(path + suffix, target + suffix);
    }
    out.setAsidePath = target;
    out.notice = QStringLiteral("The event store %1 was damaged (%2). It was kept as %3 and a new, empty store was "
                                "started.")
                     .arg(path, why, target);
    qCWarning(lcStore).noquote() << out.notice;
    EventStore fresh;
    out.error.clear();
    if (!fresh.open(path, &out.error, sync))
        return out;
    out.ok = true;
    out.count = fresh.count();
    return out;
}

} // namespace hookscope
