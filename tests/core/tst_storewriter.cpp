// The writer's WAL policy: under a flood without pauses the WAL never restarts by itself,
// so the writer restarts it once it is large (and only then, at most once a second: that
// restart stalls the batch behind it).
#include "http/ReceiverConfig.h"
#include "store/EventRecorder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

Event bigEvent(int i)
{
    Event e;
    e.receivedAtMs = 1'763'850'000'000 + i;
    e.remoteAddress = QStringLiteral("127.0.0.1");
    e.method = "POST";
    e.target = "/hooks";
    e.headers = {{"Content-Type", "application/octet-stream"}};
    // Below the compression threshold and incompressible enough: two pages per event.
    QByteArray body(6000, '\0');
    for (int k = 0; k < body.size(); ++k)
        body[k] = char((k * 131 + i * 7) % 251);
    e.body = body;
    e.response = ReceiverConfig::defaultAnswer();
    return e;
}

// The WAL header's checkpoint sequence number and first salt change on every restart.
QByteArray walGeneration(const QString &dbPath)
{
    QFile wal(dbPath + QStringLiteral("-wal"));
    if (!wal.open(QIODevice::ReadOnly))
        return {};
    return wal.read(32).mid(12, 8);
}

} // namespace

class TestStoreWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void walUnderAFlood_data();
    void walUnderAFlood();
};

void TestStoreWriter::walUnderAFlood_data()
{
    QTest::addColumn<int>("forcedResetFrames");
    QTest::addColumn<bool>("forced");

    QTest::newRow("WAL below the limit: the writer leaves it alone") << (1 << 30) << false;
    QTest::newRow("WAL past 256 frames: the writer restarts it") << 256 << true;
}

void TestStoreWriter::walUnderAFlood()
{
    QFETCH(int, forcedResetFrames);
    QFETCH(bool, forced);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("events.sqlite"));
    EventRecorder recorder;
    WalPolicy policy;
    policy.forcedResetFrames = forcedResetFrames;
    policy.checkpointIntervalMs = 20;
    recorder.setWalPolicy(policy);
    QString error;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));

    int stored = 0;
    int submitted = 0;
    QByteArray generation;
    int restarts = 0;
    qint64 maxWal = 0;
    QElapsedTimer flood;
    flood.start();
    while (flood.elapsed() < 2500) {
        for (int i = 0; i < 20; ++i)
            recorder.submit(bigEvent(submitted++), [&stored](const CaptureResult &r) { stored += r.stored; });
        QCoreApplication::processEvents();
        const QByteArray now = walGeneration(path);
        restarts += !generation.isEmpty() && now != generation;
        generation = now;
        maxWal = std::max(maxWal, QFileInfo(path + QStringLiteral("-wal")).size());
    }
    recorder.waitForPending();
    qInfo() << "events" << submitted << "WAL restarts" << restarts << "forced" << recorder.forcedWalRestarts()
            << "max WAL bytes" << maxWal;
    // A forced restart stalls one batch: at most one a second.
    QCOMPARE(recorder.forcedWalRestarts() > 0, forced);
    QVERIFY(recorder.forcedWalRestarts() <= 3);
    if (forced)
        QVERIFY(restarts > 0); // (without one, the WAL may still restart in a chance pause)
    recorder.close();
    QCOMPARE(stored, submitted);
}

QTEST_GUILESS_MAIN(TestStoreWriter)
#include "tst_storewriter.moc"
