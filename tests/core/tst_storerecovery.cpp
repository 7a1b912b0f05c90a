// Start-up with a damaged store: the file is kept aside (renamed), a new store starts, and
// the message says where the old file went. Healthy, newer and unwritable stores are not touched.
#include "store/EventStore.h"
#include "store/Migrations.h"
#include "store/StoreRecovery.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(data);
}

QStringList asideFiles(const QString &dir)
{
    QStringList out;
    for (const QString &name : QDir(dir).entryList({QStringLiteral("events.sqlite.corrupt-*")}, QDir::Files, QDir::Name)) {
        if (!name.endsWith(QLatin1String("-wal")) && !name.endsWith(QLatin1String("-shm")))
            out.append(name);
    }
    return out;
}

} // namespace

class TestStoreRecovery final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void damagedFileIsKeptAsideAndANewStoreStarts_data();
    void damagedFileIsKeptAsideAndANewStoreStarts();
    void healthyStoreIsOpenedAsItIs();
    void newerStoreIsRefusedNotRenamed();
    void secondDamageInTheSameSecondGetsItsOwnName();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestStoreRecovery::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("events.sqlite"));
}

void TestStoreRecovery::damagedFileIsKeptAsideAndANewStoreStarts_data()
{
    QTest::addColumn<QByteArray>("damage"); // "garbage" or "truncated"
    QTest::newRow("garbage instead of a store") << QByteArray("garbage");
    QTest::newRow("a store cut in the middle of a page") << QByteArray("truncated");
    QTest::newRow("a store with an overwritten header") << QByteArray("header");
}

void TestStoreRecovery::damagedFileIsKeptAsideAndANewStoreStarts()
{
    QFETCH(QByteArray, damage);
    QByteArray original;
    if (damage == "garbage") {
        original = QByteArray("this is not an SQLite file\n").repeated(300);
    } else {
        {
            EventStore store;
            QString error;
            QVERIFY2(store.open(m_path, &error), qPrintable(error));
            QVERIFY(store.begin());
            for (int i = 0; i < 200; ++i) {
                Event e;
                e.method = "POST";
                e.target = "/t";
                e.body = QByteArray(3000, char('a' + i % 26));
                QVERIFY(store.insert(e, &error));
            }
            QVERIFY(store.commit(&error));
            store.checkpointWal(EventStore::CheckpointMode::Truncate);
        }
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        original = file.readAll();
        if (damage == "truncated")
            original.truncate(original.size() / 2 + 123);
        else
            original.replace(0, 16, "NOT SQLITE AT 0\0");
    }
    writeFile(m_path, original);
    writeFile(m_path + QStringLiteral("-wal"), "stale wal bytes");

    const StoreRecovery::Outcome outcome = StoreRecovery::open(m_path);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.count, 0);
    const QStringList aside = asideFiles(m_dir->path());
    QVERIFY2(aside.contains(QFileInfo(outcome.setAsidePath).fileName()), qPrintable(aside.join(QLatin1Char(' '))));
    QVERIFY(QRegularExpression(QStringLiteral(R"(events\.sqlite\.corrupt-\d{8}-\d{6}$)"))
                .match(outcome.setAsidePath)
                .hasMatch());
    // The message says what happened and where the old file is.
    QVERIFY2(outcome.notice.contains(outcome.setAsidePath), qPrintable(outcome.notice));
    QVERIFY(outcome.notice.contains(QLatin1String("damaged")));
    QVERIFY(outcome.notice.contains(QLatin1String("new, empty store")));
    // The old bytes are kept exactly.
    QFile kept(outcome.setAsidePath);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), original);

    // The new store works.
    EventStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    Event e;
    e.method = "POST";
    e.target = "/after";
    QVERIFY(store.insert(e, &error));
    QCOMPARE(store.count(), 1);
}

void TestStoreRecovery::healthyStoreIsOpenedAsItIs()
{
    {
        EventStore store;
        QString error;
        QVERIFY(store.open(m_path, &error));
        Event e;
        e.method = "GET";
        e.target = "/";
        QVERIFY(store.insert(e, &error));
    }
    const StoreRecovery::Outcome outcome = StoreRecovery::open(m_path);
    QVERIFY(outcome.ok);
    QVERIFY(outcome.notice.isEmpty());
    QCOMPARE(outcome.count, 1);
    QVERIFY(asideFiles(m_dir->path()).isEmpty());
}

void TestStoreRecovery::newerStoreIsRefusedNotRenamed()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE future (x)")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(Migrations::currentVersion() + 5)));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    const StoreRecovery::Outcome outcome = StoreRecovery::open(m_path);
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.error.contains(QLatin1String("newer Hookscope")), qPrintable(outcome.error));
    QVERIFY(outcome.notice.isEmpty());
    QVERIFY(asideFiles(m_dir->path()).isEmpty());
    QVERIFY(QFile::exists(m_path));
}

void TestStoreRecovery::secondDamageInTheSameSecondGetsItsOwnName()
{
    writeFile(m_path, QByteArray(8192, 'x'));
    const StoreRecovery::Outcome first = StoreRecovery::open(m_path);
    QVERIFY(first.ok);
    QFile::remove(m_path);
    writeFile(m_path, QByteArray(8192, 'y'));
    const StoreRecovery::Outcome second = StoreRecovery::open(m_path);
    QVERIFY(second.ok);
    QVERIFY(first.setAsidePath != second.setAsidePath);
    QCOMPARE(asideFiles(m_dir->path()).size(), 2);
}

QTEST_GUILESS_MAIN(TestStoreRecovery)
#include "tst_storerecovery.moc"
