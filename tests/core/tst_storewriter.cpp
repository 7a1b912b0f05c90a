// The writer's WAL policy: under a flood without pauses the WAL never restarts by itself,
// so the writer restarts it once it is large (and only then, at most once a second, and
// only when the checkpointer left a small tail: that restart stalls the batch behind it).
// The WAL file is emptied in a pause, never in a commit; the checkpointer runs when the
// CPU is idle, and syncs the database file after a checkpoint that stopped short of the
// end when the writer's restart is near (SQLite does not, and the restart would sync it
// all while a request waits). And enrichment results: handed over in pieces, so a backlog never lands in
// one request's transaction, yet written completely by themselves. And the WAL is written
// behind the writer: a MiB at a time, never a GiB at once in a checkpoint.
#include "http/ReceiverConfig.h"
#include "store/EventRecorder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

#include <fcntl.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_cachestat
#define SYS_cachestat 451 // Linux 6.5; the same number on every architecture
#endif

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

QString walPath(const QString &dbPath)
{
    return dbPath + QStringLiteral("-wal");
}

// The WAL header's checkpoint sequence number and first salt change on every restart.
QByteArray walGeneration(const QString &dbPath)
{
    QFile wal(walPath(dbPath));
    if (!wal.open(QIODevice::ReadOnly))
        return {};
    return wal.read(32).mid(12, 8);
}

// The scheduling policy of this process's thread named `name` (-1: no such thread).
int threadPolicy(const QByteArray &name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name)
            return ::sched_getscheduler(pid_t(tid.toInt()));
    }
    return -1;
}

// Submits `count` events numbered from `from` and waits until every one is stored.
bool storeEvents(EventRecorder &recorder, int from, int count)
{
    int stored = 0;
    for (int i = from; i < from + count; ++i)
        recorder.submit(bigEvent(i), [&stored](const CaptureResult &r) { stored += r.stored; });
    return QTest::qWaitFor([&stored, count] { return stored == count; }, 5000);
}

// The writer indexes new events for search after their commit, in its own transactions.
bool searchIndexCaughtUp(const QString &dbPath)
{
    EventStore reader;
    QString error;
    if (!reader.open(dbPath, &error))
        return false;
    const std::optional<EventStore::TextBacklog> backlog = reader.textBacklog();
    return backlog && backlog->isEmpty();
}

qint64 walBytes(const QString &dbPath)
{
    return QFileInfo(walPath(dbPath)).size();
}

struct PageCacheState {
    qint64 cached = -1; // -1: the kernel cannot tell (no cachestat before Linux 6.5)
    qint64 dirty = 0;
};

PageCacheState pageCacheState(const QString &path)
{
    struct { quint64 offset, length; } range{0, 0}; // length 0: to the end of the file
    struct { quint64 cache, dirty, writeback, evicted, recentlyEvicted; } stat{};
    PageCacheState state;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return state;
    if (::syscall(SYS_cachestat, fd, &range, &stat, 0) == 0) {
        state.cached = qint64(stat.cache);
        state.dirty = qint64(stat.dirty);
    }
    ::close(fd);
    return state;
}

} // namespace

class TestStoreWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void walUnderAFlood_data();
    void walUnderAFlood();
    void writerRestartsOnlyASmallTail_data();
    void writerRestartsOnlyASmallTail();
    void walIsEmptiedInAPause_data();
    void walIsEmptiedInAPause();
    void checkpointerPriority_data();
    void checkpointerPriority();
    void partialCheckpointsAreSynced_data();
    void partialCheckpointsAreSynced();
    void idleCheckpointCopiesInShortBursts_data();
    void idleCheckpointCopiesInShortBursts();
    void walIsWrittenBehind_data();
    void walIsWrittenBehind();
    void infosAreTakenInPieces_data();
    void infosAreTakenInPieces();
    void infoBacklogIsWrittenBetweenRequests();
};

void TestStoreWriter::infosAreTakenInPieces_data()
{
    QTest::addColumn<int>("queued");
    QTest::addColumn<int>("max");
    QTest::addColumn<int>("taken");

    QTest::newRow("nothing queued") << 0 << 16 << 0;
    QTest::newRow("fewer than a piece") << 5 << 16 << 5;
    QTest::newRow("exactly a piece") << 16 << 16 << 16;
    QTest::newRow("a backlog: one piece, oldest first") << 5000 << 16 << 16;
    QTest::newRow("everything") << 300 << std::numeric_limits<int>::max() << 300;
}

void TestStoreWriter::infosAreTakenInPieces()
{
    QFETCH(int, queued);
    QFETCH(int, max);
    QFETCH(int, taken);

    WriteQueue queue;
    for (int i = 1; i <= queued; ++i) {
        EventInfo info;
        info.id = i;
        queue.pushInfo(info);
    }
    const std::vector<EventInfo> piece = queue.takeInfos(std::size_t(max));
    QCOMPARE(int(piece.size()), taken);
    for (int i = 0; i < taken; ++i)
        QCOMPARE(piece.at(std::size_t(i)).id, qint64(i + 1));
    QCOMPARE(int(queue.pendingInfos()), queued - taken);
    if (queued > taken) // the next piece goes on where this one stopped
        QCOMPARE(queue.takeInfos(1).front().id, qint64(taken + 1));
}

void TestStoreWriter::infoBacklogIsWrittenBetweenRequests()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("events.sqlite"));
    EventRecorder recorder;
    QString error;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));
    constexpr int kEvents = 3000;
    QList<qint64> ids;
    for (int i = 0; i < kEvents; ++i)
        recorder.submit(bigEvent(i), [&ids](const CaptureResult &r) { ids.append(r.id); });
    recorder.waitForPending();
    QCOMPARE(ids.size(), kEvents);

    // Validation caught up after a burst: a result for every event at once, then a request.
    for (qint64 id : ids) {
        EventInfo info;
        info.id = id;
        info.kind = QStringLiteral("probe");
        info.validity = EventInfo::Validity::Valid;
        recorder.recordInfo(info);
    }
    bool stored = false;
    recorder.submit(bigEvent(kEvents), [&stored](const CaptureResult &r) { stored = r.stored; });
    QTRY_VERIFY(stored);

    // Without waitForPending (which writes everything): the idle flushes get through the
    // backlog by themselves, in small transactions between request batches.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
    db.setDatabaseName(path);
    QVERIFY(db.open());
    auto written = [&db] {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT count(*) FROM event_info WHERE kind = 'probe'"));
        return q.next() ? q.value(0).toInt() : -1;
    };
    QTRY_COMPARE_WITH_TIMEOUT(written(), kEvents, 30'000);
    QCOMPARE(recorder.pendingInfos(), std::size_t(0));
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    recorder.close();
}

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
    // This checks the writer's restart, which needs a checkpointer that keeps up: at normal
    // priority, whatever else the machine runs meanwhile (checkpointerPriority checks idle).
    policy.checkpointWhenIdle = false;
    policy.idleTrimMs = 0;
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
        maxWal = std::max(maxWal, walBytes(path));
    }
    recorder.waitForPending();
    // A restart shows in the WAL header once the next transaction wrote it.
    recorder.submit(bigEvent(submitted++), [&stored](const CaptureResult &r) { stored += r.stored; });
    recorder.waitForPending();
    restarts += !generation.isEmpty() && walGeneration(path) != generation;
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

void TestStoreWriter::writerRestartsOnlyASmallTail_data()
{
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("backfilled");
    QTest::addColumn<bool>("restarts");

    // Defaults: past 262,144 frames, with at most 4,096 not yet copied.
    QTest::newRow("small WAL") << 1000 << 1000 << false;
    QTest::newRow("just below the limit") << 262143 << 262143 << false;
    QTest::newRow("at the limit, all copied") << 262144 << 262144 << true;
    QTest::newRow("large, a small tail left") << 300000 << 300000 - 4096 << true;
    QTest::newRow("large, the checkpointer far behind") << 300000 << 300000 - 4097 << false;
    QTest::newRow("large, nothing copied (a starved checkpointer)") << 500000 << 0 << false;
}

void TestStoreWriter::writerRestartsOnlyASmallTail()
{
    QFETCH(int, frames);
    QFETCH(int, backfilled);
    QFETCH(bool, restarts);

    QCOMPARE(WalPolicy().writerRestarts(frames, backfilled), restarts);
}

void TestStoreWriter::walIsEmptiedInAPause_data()
{
    QTest::addColumn<int>("idleTrimMs");
    QTest::addColumn<bool>("emptied");

    QTest::newRow("a pause of 300 ms empties the WAL file") << 300 << true;
    QTest::newRow("trimming off: the file keeps its size") << 0 << false;
}

void TestStoreWriter::walIsEmptiedInAPause()
{
    QFETCH(int, idleTrimMs);
    QFETCH(bool, emptied);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("events.sqlite"));
    EventRecorder recorder;
    WalPolicy policy;
    policy.checkpointIntervalMs = 20;
    policy.idleTrimMs = idleTrimMs;
    recorder.setWalPolicy(policy);
    QString error;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));

    QVERIFY(storeEvents(recorder, 0, 300));
    QTRY_VERIFY(searchIndexCaughtUp(path)); // its writes come before the pause
    const qint64 written = walBytes(path);
    QVERIFY2(written > 300 * 6000, qPrintable(QString::number(written)));

    if (emptied) {
        QTRY_COMPARE_WITH_TIMEOUT(walBytes(path), qint64(0), 10'000);
        // Counted on the writer's thread just after SQLite truncated the file.
        QTRY_COMPARE(recorder.walTrims(), 1);
    } else {
        QTest::qWait(1500);
        QCOMPARE(walBytes(path), written);
        QCOMPARE(recorder.walTrims(), 0);
    }
    // The next event starts a new WAL and is stored as usual; the pause after it trims again.
    bool again = false;
    recorder.submit(bigEvent(300), [&again](const CaptureResult &r) { again = r.stored; });
    QTRY_VERIFY(again);
    if (emptied)
        QTRY_COMPARE_WITH_TIMEOUT(recorder.walTrims(), 2, 10'000);
    recorder.close();

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("trim"));
    db.setDatabaseName(path);
    QVERIFY(db.open());
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next());
    QCOMPARE(q.value(0).toInt(), 301);
    q = QSqlQuery();
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("trim"));
}

void TestStoreWriter::checkpointerPriority_data()
{
    QTest::addColumn<bool>("whenIdle");
    QTest::addColumn<int>("policy");

    QTest::newRow("idle: never delays the threads that answer") << true << int(SCHED_IDLE);
    QTest::newRow("normal priority") << false << int(SCHED_OTHER);
}

void TestStoreWriter::checkpointerPriority()
{
    QFETCH(bool, whenIdle);
    QFETCH(int, policy);

    QTemporaryDir dir;
    EventRecorder recorder;
    WalPolicy wal;
    wal.checkpointWhenIdle = whenIdle;
    recorder.setWalPolicy(wal);
    QString error;
    QVERIFY2(recorder.open(dir.filePath(QStringLiteral("events.sqlite")), &error), qPrintable(error));
    // The thread's name is cut to 15 bytes by the kernel.
    QTRY_COMPARE(threadPolicy("store-checkpoin"), policy);
    QCOMPARE(threadPolicy("store-writer"), int(SCHED_OTHER));
    recorder.close();
}

void TestStoreWriter::partialCheckpointsAreSynced_data()
{
    QTest::addColumn<bool>("readerHoldsSnapshot");
    QTest::addColumn<int>("forcedResetFrames");
    QTest::addColumn<bool>("synced");

    // A reader's snapshot stops the checkpoint short of the end, as new commits do under
    // traffic: SQLite then leaves the copied pages unsynced. The checkpointer syncs them
    // when the writer's restart of the WAL is near (here: past 10 frames), and only then.
    QTest::newRow("stopped short, restart near: the checkpointer syncs") << true << 10 << true;
    QTest::newRow("stopped short, WAL small: left to the kernel") << true << 262144 << false;
    QTest::newRow("checkpoint to the end: SQLite synced it") << false << 10 << false;
}

void TestStoreWriter::partialCheckpointsAreSynced()
{
    QFETCH(bool, readerHoldsSnapshot);
    QFETCH(int, forcedResetFrames);
    QFETCH(bool, synced);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("events.sqlite"));
    EventRecorder recorder;
    WalPolicy policy;
    policy.checkpointIntervalMs = 1500; // the first checkpoint comes after both batches below
    policy.idleTrimMs = 0;
    policy.forcedResetFrames = forcedResetFrames;
    policy.restartTailFrames = std::numeric_limits<int>::max() / 2;
    recorder.setWalPolicy(policy);
    QString error;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));
    QVERIFY(storeEvents(recorder, 0, 50));
    {
        QSqlDatabase reader = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("snapshot"));
        reader.setDatabaseName(path);
        QVERIFY(reader.open());
        QSqlQuery q(reader);
        if (readerHoldsSnapshot) {
            QVERIFY(reader.transaction());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next());
            QCOMPARE(q.value(0).toInt(), 50);
        }
        QVERIFY(storeEvents(recorder, 50, 50));
        if (synced)
            QTRY_VERIFY_WITH_TIMEOUT(recorder.checkpointSyncs() >= 1, 10'000);
        else
            QTest::qWait(2 * policy.checkpointIntervalMs);
        QCOMPARE(recorder.checkpointSyncs() > 0, synced);
        q = QSqlQuery();
        if (readerHoldsSnapshot)
            QVERIFY(reader.commit());
        reader.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("snapshot"));
    recorder.close();
    QCOMPARE(recorder.checkpointSyncs() > 0, synced);
}

void TestStoreWriter::idleCheckpointCopiesInShortBursts_data()
{
    QTest::addColumn<bool>("checkpointWhenIdle");
    // An idle-priority checkpointer, once picked by the scheduler, would keep the CPU until
    // the next tick while a request waits: it sleeps a moment between short bursts of page
    // writes instead (SqlitePacing). At normal priority it is not paced.
    QTest::newRow("idle priority: paced") << true;
    QTest::newRow("normal priority: not paced") << false;
}

void TestStoreWriter::idleCheckpointCopiesInShortBursts()
{
    QFETCH(bool, checkpointWhenIdle);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("events.sqlite"));
    EventRecorder recorder;
    WalPolicy policy;
    policy.checkpointIntervalMs = 50;
    policy.idleTrimMs = 0;
    policy.checkpointWhenIdle = checkpointWhenIdle;
    recorder.setWalPolicy(policy);
    QString error;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));
    QVERIFY(storeEvents(recorder, 0, 2000)); // ~4,000 page writes to copy: milliseconds
    // Paced or not, the checkpoint still gets to the end of the WAL.
    QTRY_VERIFY_WITH_TIMEOUT(recorder.walFrames() > 0 && recorder.walBackfilled() == recorder.walFrames(), 20'000);
    if (checkpointWhenIdle)
        QVERIFY2(recorder.checkpointPauses() > 0, "the checkpointer never paused");
    else
        QCOMPARE(recorder.checkpointPauses(), std::uint64_t(0));
    recorder.close();
}

void TestStoreWriter::walIsWrittenBehind_data()
{
    QTest::addColumn<int>("events");
    // Under --sync normal no commit syncs the WAL; what the writer wrote stayed dirty until
    // a checkpoint synced it all at once (a GiB after a flood, while requests waited). Now
    // the writer starts the writeback of every MiB it wrote: whatever the WAL's size, at
    // most about a MiB of it is dirty.
    QTest::newRow("800 events, 15 MB of WAL") << 800;
    QTest::newRow("3,000 events, 60 MB of WAL") << 3000;
}

void TestStoreWriter::walIsWrittenBehind()
{
    QFETCH(int, events);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("events.sqlite"));
    EventRecorder recorder;
    WalPolicy policy;
    policy.checkpointIntervalMs = 3'600'000; // no checkpoint (it would sync the WAL itself)
    policy.idleTrimMs = 0;
    recorder.setWalPolicy(policy);
    QString error;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));
    QVERIFY(storeEvents(recorder, 0, events));
    const PageCacheState wal = pageCacheState(walPath(path));
    if (wal.cached < 0)
        QSKIP("this kernel has no cachestat (Linux 6.5+): cannot see dirty pages");
    const qint64 walPages = walBytes(path) / 4096;
    QVERIFY2(walPages > 4 * 256, qPrintable(QStringLiteral("WAL of %1 pages").arg(walPages)));
    QVERIFY2(wal.dirty <= 256 + 32,
             qPrintable(QStringLiteral("%1 of the WAL's %2 pages are dirty").arg(wal.dirty).arg(walPages)));
    recorder.close();
}

QTEST_GUILESS_MAIN(TestStoreWriter)
#include "tst_storewriter.moc"
