// `hookscope export` on a damaged store exports what can be read, names the rest on stderr and
// exits 1; `--out` that is the store (or one of its files, by any name or link) is refused with
// exit 2 and the store left byte for byte as it was. Real files, real child processes.
#include "StoreDamage.h"
#include "common/HookscopeCommand.h"

#include "store/StoreHealth.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <unistd.h>

using namespace hookscope;
using namespace hookscope::test;

namespace {

constexpr int kEvents = 2000;

// The targets of an export's events ("/hook/N"), in order.
QStringList targetsIn(const QString &path)
{
    QStringList out;
    const auto document = nlohmann::json::parse(fileBytes(path).toStdString());
    const bool har = document.contains("log");
    for (const auto &event : har ? document.at("log").at("entries") : document.at("events")) {
        const std::string text = har ? event.at("request").at("url").get<std::string>()
                                     : event.at("request").at("target").get<std::string>();
        out.append(QString::fromStdString(text).section(QLatin1Char('/'), -2));
    }
    return out;
}

// The ids named on stderr by lines containing `what` ("event #N: …", "events #A to #B: …").
QList<qint64> namedIn(const QByteArray &err, const QByteArray &what)
{
    static const QRegularExpression re(QStringLiteral(R"(events? #(\d+)(?: to #(\d+))?:)"));
    QList<qint64> ids;
    for (const QByteArray &line : err.split('\n')) {
        const auto match = re.match(QString::fromUtf8(line));
        if (!line.contains(what) || !match.hasMatch())
            continue;
        const qint64 first = match.captured(1).toLongLong();
        const qint64 last = match.captured(2).isEmpty() ? first : match.captured(2).toLongLong();
        for (qint64 id = first; id <= last && id < first + 100; ++id)
            ids.append(id);
    }
    return ids;
}

} // namespace

class TestExportDamage final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void exportSkipsUnreadableEvents_data();
    void exportSkipsUnreadableEvents();
    void filteredExportReadsPastTheDamage();
    void exportOntoTheStoreIsRefused_data();
    void exportOntoTheStoreIsRefused();

private:
    int run(const QStringList &args, QByteArray *err);
    QTemporaryDir m_template;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestExportDamage::initTestCase()
{
    fillStore(m_template.filePath(QStringLiteral("events.sqlite")), kEvents);
}

void TestExportDamage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(QStringLiteral("events.sqlite"));
    QVERIFY(QFile::copy(m_template.filePath(QStringLiteral("events.sqlite")), m_db));
}

int TestExportDamage::run(const QStringList &args, QByteArray *err)
{
    const CommandRun r = runHookscope(args, CommandSetup().withTimeout(120'000));
    *err = r.err;
    return r.exitCode;
}

void TestExportDamage::exportSkipsUnreadableEvents_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("partly"); // exported without its damaged part
    QTest::newRow("malformed leaf page, json") << QByteArray("cell") << "out.json" << false;
    QTest::newRow("malformed leaf page, har") << QByteArray("cell") << "out.har" << false;
    QTest::newRow("compressed body zlib refuses") << QByteArray("zlib") << "out.json" << false;
    QTest::newRow("violations not JSON") << QByteArray("violations") << "out.json" << true;
}

void TestExportDamage::exportSkipsUnreadableEvents()
{
    QFETCH(QByteArray, kind);
    QFETCH(QString, file);
    QFETCH(bool, partly);
    QList<qint64> damaged;
    if (kind == "cell") {
        damaged = damageCellsNear(m_db, 1001);
        QCOMPARE(damaged.size(), 3);
    } else if (kind == "zlib") {
        QVERIFY(damageCompressedBodyOf(m_db, 1000));
        damaged = {1000};
    } else {
        QVERIFY(damageViolationsOf(m_db, 1005));
        damaged = {1005};
    }
    const QString out = m_dir->filePath(file);
    QByteArray err;
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out}, &err), 1);

    // stderr names exactly the damaged events.
    QCOMPARE(namedIn(err, partly ? "written without its damaged part" : "left out, unreadable"), damaged);
    const int written = kEvents - (partly ? 0 : int(damaged.size()));
    QVERIFY2(err.contains(QByteArray::number(written) + " events written"), err.constData());

    // The rest is exported, in order, the named ones left out (or kept, when only partly damaged).
    QStringList expected;
    for (int n = 1; n <= kEvents; ++n) {
        if (partly || !damaged.contains(n))
            expected.append(QStringLiteral("hook/%1").arg(n));
    }
    QCOMPARE(targetsIn(out), expected);
}

void TestExportDamage::filteredExportReadsPastTheDamage()
{
    const QList<qint64> damaged = damageCellsNear(m_db, 1001);
    QCOMPARE(damaged.size(), 3);
    const QString out = m_dir->filePath(QStringLiteral("filtered.json"));
    QByteArray err;
    // Markers EVENT-01001..01009 (1000 is a large body without one): SQLite's search stops at
    // the damaged page, the export matches while reading past it.
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--filter"),
                  QStringLiteral("event-0100"), QStringLiteral("--out"), out},
                 &err),
             1);
    QCOMPARE(namedIn(err, "left out, unreadable"), damaged);
    QStringList expected;
    for (int n = 1001; n <= 1009; ++n) {
        if (!damaged.contains(n))
            expected.append(QStringLiteral("hook/%1").arg(n));
    }
    QCOMPARE(targetsIn(out), expected);
}

void TestExportDamage::exportOntoTheStoreIsRefused_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("reason");
    QTest::newRow("the store") << "store" << "is the event store";
    QTest::newRow("the store by a relative path with ..") << "dotdot" << "is the event store";
    QTest::newRow("its write-ahead log") << "wal" << "write-ahead log";
    QTest::newRow("its shared-memory index") << "shm" << "shared-memory index";
    QTest::newRow("a symlink to the store") << "symlink" << "through a symlink";
    QTest::newRow("a symlink to its future write-ahead log") << "symlink-wal" << "write-ahead log";
    QTest::newRow("the store through a symlinked folder") << "folder" << "is the event store";
    QTest::newRow("a hard link to the store") << "hardlink" << "hard link";
}

void TestExportDamage::exportOntoTheStoreIsRefused()
{
    QFETCH(QString, how);
    QFETCH(QString, reason);
    QString out;
    if (how == "store") {
        out = m_db;
    } else if (how == "dotdot") {
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("sub")));
        out = m_dir->filePath(QStringLiteral("sub/../events.sqlite"));
    } else if (how == "wal" || how == "shm") {
        out = m_db + QLatin1Char('-') + how; // need not exist: SQLite creates it when the store opens
    } else if (how == "symlink") {
        out = m_dir->filePath(QStringLiteral("link.json"));
        QVERIFY(QFile::link(m_db, out));
    } else if (how == "symlink-wal") {
        out = m_dir->filePath(QStringLiteral("wal-link.json"));
        QVERIFY(QFile::link(m_db + QStringLiteral("-wal"), out)); // dangling until the store is opened
    } else if (how == "folder") {
        QVERIFY(QFile::link(m_dir->path(), m_dir->filePath(QStringLiteral("alias"))));
        out = m_dir->filePath(QStringLiteral("alias/events.sqlite"));
    } else if (how == "hardlink") {
        out = m_dir->filePath(QStringLiteral("hard.json"));
        QCOMPARE(::link(QFile::encodeName(m_db).constData(), QFile::encodeName(out).constData()), 0);
    }
    const QByteArray before = sha256(m_db);
    QByteArray err;
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out}, &err), 2);
    QVERIFY2(err.contains(reason.toUtf8()), err.constData());
    QVERIFY2(err.contains("would destroy the events"), err.constData());
    QCOMPARE(sha256(m_db), before);
    const StoreHealthReport report = StoreHealth::check(m_db);
    QVERIFY2(report.healthy(), qPrintable(report.summary()));
    QCOMPARE(report.readable, qint64(kEvents));
}

QTEST_GUILESS_MAIN(TestExportDamage)
#include "tst_exportdamage.moc"
