// A store damaged in the middle (bytes flipped in a real file): StoreHealth names the events
// that cannot be read, `hookscope check-store` reports it, and `hookscope --headless` says so
// at start-up and still captures. Nothing here changes the damaged file.
#include "StoreDamage.h"

#include "common/HookscopeCommand.h"
#include "common/RawHttpClient.h"
#include "store/StoreHealth.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

constexpr int kEvents = 2000;

// The ids of the events that cannot be read at all (ranges spelt out).
QList<qint64> wholeIds(const StoreHealthReport &report)
{
    QList<qint64> ids;
    for (const UnreadableEvents &entry : report.unreadable) {
        for (qint64 id = entry.firstId; !entry.partly && id <= entry.lastId && id < entry.firstId + 100; ++id)
            ids.append(id);
    }
    return ids;
}

} // namespace

class TestStoreHealth final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void healthyStoreIsHealthy();
    void damageIsFoundAndNamed_data();
    void damageIsFoundAndNamed();
    void checkStoreCommandReportsHealth_data();
    void checkStoreCommandReportsHealth();
    void headlessStartOnADamagedStoreWarnsAndStillCaptures();

private:
    void damage(const QByteArray &kind);
    int run(const QStringList &args, QByteArray *out, QByteArray *err);
    QTemporaryDir m_template;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    QList<qint64> m_damaged; // the events the damage hit
};

void TestStoreHealth::initTestCase()
{
    fillStore(m_template.filePath(QStringLiteral("events.sqlite")), kEvents);
}

void TestStoreHealth::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(QStringLiteral("events.sqlite"));
    m_damaged.clear();
    QVERIFY(QFile::copy(m_template.filePath(QStringLiteral("events.sqlite")), m_db));
}

// Flips bytes for one kind of damage (see the _data rows), near event 1000; m_damaged says which.
void TestStoreHealth::damage(const QByteArray &kind)
{
    m_damaged.clear();
    if (kind == "cell") {
        m_damaged = damageCellsNear(m_db, 1001);
        QCOMPARE(m_damaged.size(), 3);
    } else if (kind == "zlib") {
        QVERIFY(damageCompressedBodyOf(m_db, 1000));
        m_damaged = {1000};
    } else if (kind == "violations") {
        QVERIFY(damageViolationsOf(m_db, 1005));
        m_damaged = {1005};
    } else if (kind == "size") {
        m_damaged = {1002};
        // What a flipped serial-type byte in a record header does: the body reads back shorter.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(m_db);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE events SET body = substr(body, 1, 100) WHERE id = 1002")));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    }
}

int TestStoreHealth::run(const QStringList &args, QByteArray *out, QByteArray *err)
{
    const CommandRun r = runHookscope(args, CommandSetup().withTimeout(120'000));
    *out = r.out;
    *err = r.err;
    return r.exitCode;
}

void TestStoreHealth::healthyStoreIsHealthy()
{
    const StoreHealthReport report = StoreHealth::check(m_db);
    QVERIFY2(report.healthy(), qPrintable(report.summary()));
    QCOMPARE(report.readable, qint64(kEvents));
    QCOMPARE(report.integrity, QStringList{QStringLiteral("ok")});
}

void TestStoreHealth::damageIsFoundAndNamed_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<bool>("pagesOk"); // SQLite's own check passes
    QTest::addColumn<bool>("partly"); // read without the damaged part
    QTest::addColumn<QString>("reason");
    QTest::newRow("three cell pointers of a leaf page flipped") << QByteArray("cell") << false << false << "malformed";
    QTest::newRow("a byte of a compressed body flipped") << QByteArray("zlib") << true << false
                                                         << "compressed body cannot be decompressed";
    QTest::newRow("a bit of the stored violations flipped") << QByteArray("violations") << true << true << "not JSON";
    QTest::newRow("a body of another size than recorded") << QByteArray("size") << true << false << "was stored as";
}

void TestStoreHealth::damageIsFoundAndNamed()
{
    QFETCH(QByteArray, kind);
    QFETCH(bool, pagesOk);
    QFETCH(bool, partly);
    QFETCH(QString, reason);
    damage(kind);
    const QByteArray before = sha256(m_db);

    const StoreHealthReport report = StoreHealth::check(m_db);
    QVERIFY(report.opened);
    QVERIFY(!report.healthy());
    QCOMPARE(report.integrityOk(), pagesOk);
    QVERIFY(!report.unreadable.isEmpty());
    for (const UnreadableEvents &entry : report.unreadable) {
        QCOMPARE(entry.partly, partly);
        QVERIFY2(entry.reason.contains(reason), qPrintable(entry.describe()));
    }
    // Exactly the events the damage hit, no more: the rest of the page reads.
    if (partly) {
        QCOMPARE(report.unreadable.size(), 1);
        QCOMPARE(report.unreadable.first().firstId, m_damaged.first());
        QCOMPARE(report.partly, 1);
    } else {
        QCOMPARE(wholeIds(report), m_damaged);
    }
    QCOMPARE(report.readable + report.partly + qint64(wholeIds(report).size()), qint64(kEvents));
    QVERIFY2(report.summary().contains(QStringLiteral("#%1").arg(m_damaged.first())), qPrintable(report.summary()));
    QCOMPARE(sha256(m_db), before); // checked read-only
}

void TestStoreHealth::checkStoreCommandReportsHealth_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("stdoutHas");
    QTest::newRow("healthy") << QByteArray() << 0
                             << QStringList{QStringLiteral("Pages: ok"), QStringLiteral("2000 readable"),
                                            QStringLiteral("Verdict: healthy")};
    QTest::newRow("damaged page") << QByteArray("cell") << 1
                                  << QStringList{QStringLiteral("Pages: damaged"), QStringLiteral("1997 readable"),
                                                 QStringLiteral("Verdict: damaged"), QStringLiteral("hookscope export")};
    QTest::newRow("body zlib refuses") << QByteArray("zlib") << 1
                                       << QStringList{QStringLiteral("Pages: ok"), QStringLiteral("1999 readable"),
                                                      QStringLiteral("1 unreadable"),
                                                      QStringLiteral("event #1000: its compressed body")};
    QTest::newRow("violations not JSON") << QByteArray("violations") << 1
                                         << QStringList{QStringLiteral("1 readable without a damaged part"),
                                                        QStringLiteral("event #1005: its inspection result")};
    QTest::newRow("not a database at all") << QByteArray("garbage") << 1
                                           << QStringList{QStringLiteral("file is not a database"),
                                                          QStringLiteral("no event can be read")};
    QTest::newRow("no such file") << QByteArray("missing") << 2 << QStringList();
}

void TestStoreHealth::checkStoreCommandReportsHealth()
{
    QFETCH(QByteArray, kind);
    QFETCH(int, exitCode);
    QFETCH(QStringList, stdoutHas);
    if (kind == "garbage")
        QVERIFY(writeBytes(m_db, QByteArray("this is not an SQLite file\n").repeated(300)));
    else if (kind == "missing")
        QVERIFY(QFile::remove(m_db));
    else
        damage(kind);
    const QByteArray before = sha256(m_db);
    QByteArray out;
    QByteArray err;
    QCOMPARE(run({QStringLiteral("check-store"), QStringLiteral("--db"), m_db}, &out, &err), exitCode);
    for (const QString &text : stdoutHas)
        QVERIFY2(out.contains(text.toUtf8()), out.constData());
    if (!m_damaged.isEmpty())
        QVERIFY2(out.contains("#" + QByteArray::number(m_damaged.first())), out.constData());
    if (kind == "missing")
        QVERIFY2(err.contains("no store at"), err.constData());
    QCOMPARE(sha256(m_db), before);
}

void TestStoreHealth::headlessStartOnADamagedStoreWarnsAndStillCaptures()
{
    damage("cell");
    QProcess child;
    child.start(QStringLiteral(HOOKSCOPE_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), m_db});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine(), 20'000);
    const QByteArray first = child.readLine();
    const auto match = QRegularExpression(QStringLiteral(R"(^Listening on http://127\.0\.0\.1:(\d+)/)"))
                           .match(QString::fromUtf8(first));
    QVERIFY2(match.hasMatch(), first.constData());
    const quint16 port = quint16(match.captured(1).toUInt());

    // The start-up check says which events are lost, on stderr.
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += child.readAllStandardError()).contains("is damaged"), 60'000);
    QTRY_VERIFY_WITH_TIMEOUT((err += child.readAllStandardError()).contains('\n'), 5'000);
    QVERIFY2(err.contains("#" + QByteArray::number(m_damaged.first())), err.constData());
    QVERIFY2(err.contains("check-store"), err.constData());

    // And capturing goes on.
    RawHttpClient client(port);
    client.send(post("/after-damage", R"({"new":true})"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10'000);
    QCOMPARE(client.responses().first().status, 200);
    child.terminate();
    QVERIFY(child.waitForFinished(10'000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);

    // The damaged file was neither renamed nor replaced; the new event is in it.
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("*.corrupt-*")}, QDir::Files), QStringList());
    const StoreHealthReport report = StoreHealth::check(m_db);
    QCOMPARE(wholeIds(report), m_damaged);
    QCOMPARE(report.readable + qint64(wholeIds(report).size()), qint64(kEvents + 1));
}

QTEST_GUILESS_MAIN(TestStoreHealth)
#include "tst_storehealth.moc"
