#include "EventStore.h"

#include "util/Log.h"
#include "Migrations.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <algorithm>

// The connection: open, close, pragmas, transactions. Reading is in EventStoreRead.cpp,
// writing in EventStoreWrite.cpp, searching in EventStoreSearch.cpp.
namespace hookscope {

namespace {
QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("hookscope-store-%1").arg(counter.fetchAndAddRelaxed(1));
}
} // namespace

EventStore::EventStore()
    : m_connectionName(nextConnectionName())
{
}

EventStore::~EventStore()
{
    close();
}

QString EventStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/events.sqlite");
}

bool EventStore::enforceForeignKeys(QSqlDatabase &db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("PRAGMA foreign_keys = ON")) && q.exec(QStringLiteral("PRAGMA foreign_keys"))
        && q.next() && q.value(0).toInt() == 1;
}

bool EventStore::foreignKeysEnforced() const
{
    QSqlQuery q = query();
    return q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next() && q.value(0).toInt() == 1;
}

QSqlQuery EventStore::query() const
{
    return QSqlQuery(QSqlDatabase::database(m_connectionName, false));
}

QSqlQuery *EventStore::statement(const char *key, const std::function<QString()> &sql) const
{
    if (const auto found = m_statements.find(key); found != m_statements.end())
        return found->second.get();
    auto q = std::make_unique<QSqlQuery>(query());
    if (!q->prepare(sql())) {
        qCWarning(lcStore).noquote() << "cannot prepare" << key << ":" << q->lastError().text();
        return nullptr;
    }
    return m_statements.emplace(key, std::move(q)).first->second.get();
}

bool EventStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool EventStore::open(const QString &path, QString *error, SyncMode sync)
{
    close();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        return false;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(info.absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
        if (!db.open()) {
            *error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
        if (!enforceForeignKeys(db)) {
            *error = QStringLiteral("cannot turn on foreign keys on %1: %2").arg(path, db.lastError().text());
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
        QSqlQuery q(db);
        const QString syncPragma = sync == SyncMode::Full ? QStringLiteral("PRAGMA synchronous=FULL")
                                                          : QStringLiteral("PRAGMA synchronous=NORMAL");
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()
            || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            *error = QStringLiteral("%1 is not a usable SQLite store: %2")
                         .arg(path, q.lastError().text().isEmpty() ? QStringLiteral("WAL mode refused")
                                                                   : q.lastError().text());
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
        q.exec(syncPragma);
        // A damaged page is an error, not rows of garbage: without this SQLite reads a cell
        // whose pointer was flipped from wherever it points (StoreHealth, SalvageReader).
        q.exec(QStringLiteral("PRAGMA cell_size_check=ON"));
        // After a burst the WAL can be large; once checkpointed, cut it back to 64 MiB.
        q.exec(QStringLiteral("PRAGMA journal_size_limit=67108864"));
        if (!Migrations::apply(db, error)) {
            *error = QStringLiteral("%1: %2").arg(path, *error);
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
    }
    m_path = info.absoluteFilePath();
    return true;
}

bool EventStore::openForReading(const QString &path, QString *error)
{
    close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(QFileInfo(path).absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
        QString why;
        if (!db.open()) {
            why = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        } else if (!enforceForeignKeys(db)) { // it deletes nothing, but every connection has them
            why = QStringLiteral("cannot turn on foreign keys on %1").arg(path);
        } else if (QSqlQuery q(db); !q.exec(QStringLiteral("PRAGMA cell_size_check=ON"))
                   || !q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            why = QStringLiteral("%1 is not a usable SQLite store: %2").arg(path, q.lastError().text());
        } else if (const int version = q.value(0).toInt(); version != Migrations::currentVersion()) {
            why = QStringLiteral("%1 has schema %2, this build reads schema %3 (a newer store, or an older one that "
                                 "hookscope upgrades when it opens it)")
                      .arg(path)
                      .arg(version)
                      .arg(Migrations::currentVersion());
        }
        if (!why.isEmpty()) {
            *error = why;
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
    }
    m_path = QFileInfo(path).absoluteFilePath();
    return true;
}

void EventStore::close()
{
    m_statements.clear(); // before the connection goes: a statement must not outlive it
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

void EventStore::leaveWalToCheckpointer()
{
    QSqlQuery q = query();
    q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    q.exec(QStringLiteral("PRAGMA journal_size_limit=-1"));
}

void EventStore::setSyncMode(SyncMode sync)
{
    QSqlQuery q = query();
    q.exec(sync == SyncMode::Full ? QStringLiteral("PRAGMA synchronous=FULL") : QStringLiteral("PRAGMA synchronous=NORMAL"));
}

void EventStore::setBusyTimeout(int ms)
{
    QSqlQuery q = query();
    q.exec(QStringLiteral("PRAGMA busy_timeout=%1").arg(ms));
}

qint64 EventStore::setMaxPageCount(qint64 pages)
{
    QSqlQuery q = query();
    qint64 limit = pages;
    if (pages < 0 && q.exec(QStringLiteral("PRAGMA page_count")) && q.next())
        limit = q.value(0).toLongLong();
    else if (pages == 0)
        limit = 4294967294; // SQLite clamps this to its own maximum
    if (!q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(limit)) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

EventStore::WalCheckpoint EventStore::checkpointWal(CheckpointMode mode)
{
    QSqlQuery q = query();
    WalCheckpoint result;
    if (!q.exec(mode == CheckpointMode::Passive ? QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")
                                                : QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))
        || !q.next())
        return result;
    // One row: (busy, frames in the WAL, frames checkpointed); -1 frames when not in WAL mode.
    result.ran = true;
    result.logFrames = std::max(0, q.value(1).toInt());
    result.checkpointedFrames = std::max(0, q.value(2).toInt());
    result.complete = q.value(0).toInt() == 0 && result.checkpointedFrames == result.logFrames;
    return result;
}

qint64 EventStore::count() const
{
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM events")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool EventStore::begin()
{
    return QSqlDatabase::database(m_connectionName, false).transaction();
}

bool EventStore::commit(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.commit())
        return true;
    *error = db.lastError().text();
    return false;
}

void EventStore::rollback()
{
    QSqlDatabase::database(m_connectionName, false).rollback();
}

} // namespace hookscope
