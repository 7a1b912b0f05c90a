#include "store/EventRecorder.h"
#include "store/EventStore.h"
#include "store/Migrations.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

Event sampleEvent(const QByteArray &body)
{
    Event e;
    e.receivedAtMs = 1'763'850'000'123;
    e.remoteAddress = QStringLiteral("127.0.0.1");
    e.remotePort = 50123;
    e.forwardedFor = "203.0.113.9";
    e.forwardedProto = "https";
    e.forwardedHost = "demo.ngrok-free.app";
    e.method = "POST";
    e.target = "/hooks?x=%FF";
    e.httpVersion = "1.1";
    e.headers = {{"Host", "localhost"}, {"X-Dup", "1"}, {"x-dup", "2"}, {"Content-Type", "application/json"}};
    e.contentType = "application/json";
    e.body = body;
    e.response.status = 201;
    e.response.headers = {{"Content-Type", "application/json"}};
    e.response.body = R"({"ok":true})";
    e.handlingUs = 1234;
    return e;
}

QByteArray binaryBody()
{
    QByteArray b;
    for (int i = 0; i < 512; ++i)
        b.append(char(i % 256));
    return b;
}

} // namespace

class TestEventStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void roundTripKeepsEveryField_data();
    void roundTripKeepsEveryField();
    void eventsSurviveAReopen();
    void recorderCommitsBeforeReportingAndGroupsBatches();
    void recorderRecordsHandlingTimeAfterTheResponse();
    void clearAndRemove();
    void summariesPageInIdOrder();
    void olderStoreIsMigratedKeepingItsRows();
    void newerStoreIsRefusedWithReason();
    void notAStoreIsRefusedWithReason();
    void unwritableFolderIsRefusedWithReason();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    [[nodiscard]] QString path() const { return m_dir->filePath(QStringLiteral("s/events.sqlite")); }
};

void TestEventStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestEventStore::roundTripKeepsEveryField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("decoded");
    QTest::newRow("small json body") << QByteArray(R"({"a":1})") << false;
    QTest::newRow("empty body") << QByteArray() << false;
    QTest::newRow("binary body with NUL bytes") << binaryBody() << false;
    QTest::newRow("large body is compressed and restored") << QByteArray(300'000, 'x').append("end") << false;
    QTest::newRow("decoded body kept beside raw") << QByteArray("\x1f\x8b raw gzip bytes") << true;
}

void TestEventStore::roundTripKeepsEveryField()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, decoded);
    EventStore store;
    QString error;
    QVERIFY2(store.open(path(), &error), qPrintable(error));
    Event e = sampleEvent(body);
    if (decoded)
        e.decodedBody = QByteArray(40'000, 'd');
    QVERIFY(store.begin());
    QVERIFY2(store.insert(e, &error), qPrintable(error));
    QVERIFY(store.commit(&error));
    QVERIFY(e.id > 0);

    const auto loaded = store.load(e.id);
    QVERIFY(loaded);
    QCOMPARE(loaded->id, e.id);
    QCOMPARE(loaded->receivedAtMs, e.receivedAtMs);
    QCOMPARE(loaded->remoteAddress, e.remoteAddress);
    QCOMPARE(loaded->remotePort, e.remotePort);
    QCOMPARE(loaded->forwardedFor, e.forwardedFor);
    QCOMPARE(loaded->forwardedProto, e.forwardedProto);
    QCOMPARE(loaded->forwardedHost, e.forwardedHost);
    QCOMPARE(loaded->method, e.method);
    QCOMPARE(loaded->target, e.target);
    QCOMPARE(loaded->httpVersion, e.httpVersion);
    QCOMPARE(loaded->headers, e.headers);
    QCOMPARE(loaded->contentType, e.contentType);
    QCOMPARE(loaded->body, body);
    QCOMPARE(loaded->decodedBody.has_value(), decoded);
    if (decoded)
        QCOMPARE(*loaded->decodedBody, *e.decodedBody);
    QCOMPARE(loaded->response.status, 201);
    QCOMPARE(loaded->response.headers, e.response.headers);
    QCOMPARE(loaded->response.body, e.response.body);
    QCOMPARE(loaded->handlingUs, qint64(1234));
}

void TestEventStore::eventsSurviveAReopen()
{
    QString error;
    {
        EventRecorder recorder;
        QVERIFY(recorder.open(path(), &error));
        int done = 0;
        for (int i = 0; i < 25; ++i)
            recorder.submit(sampleEvent(QByteArray::number(i)), [&done](const CaptureResult &r) { done += r.stored; });
        QTRY_COMPARE(done, 25);
    }
    EventStore reopened;
    QVERIFY(reopened.open(path(), &error));
    QCOMPARE(reopened.count(), qint64(25));
    const QList<qint64> ids = reopened.ids();
    QCOMPARE(reopened.load(ids.first())->body, QByteArray("0"));
    QCOMPARE(reopened.load(ids.last())->body, QByteArray("24"));
}

void TestEventStore::recorderCommitsBeforeReportingAndGroupsBatches()
{
    EventRecorder recorder;
    QString error;
    QVERIFY(recorder.open(path(), &error));
    EventStore reader;
    QVERIFY(reader.open(path(), &error));
    QSignalSpy stored(&recorder, &EventRecorder::eventsStored);
    QList<CaptureResult> results;
    bool visibleWhenReported = true;
    for (int i = 0; i < 200; ++i) {
        recorder.submit(sampleEvent("b"), [&](const CaptureResult &r) {
            results.append(r);
            // Another connection sees the row as soon as it is reported: it is committed.
            visibleWhenReported &= reader.load(r.id).has_value();
        });
    }
    QTRY_COMPARE(results.size(), 200);
    QVERIFY(visibleWhenReported);
    for (int i = 1; i < results.size(); ++i)
        QVERIFY(results[i].id > results[i - 1].id); // reported in submission order
    int reportedEvents = 0;
    for (const QList<QVariant> &args : stored)
        reportedEvents += int(args.at(0).value<QList<Event>>().size());
    QCOMPARE(reportedEvents, 200);
    QVERIFY2(stored.count() < 200, "200 events submitted at once must be committed in fewer batches");
}

void TestEventStore::recorderRecordsHandlingTimeAfterTheResponse()
{
    QString error;
    qint64 id = 0;
    {
        EventRecorder recorder;
        QVERIFY(recorder.open(path(), &error));
        Event e = sampleEvent("h");
        e.handlingUs = -1;
        recorder.submit(e, [&id](const CaptureResult &r) { id = r.id; });
        QTRY_VERIFY(id > 0);
        recorder.responded(id, 777);
    } // close() writes pending handling times
    EventStore store;
    QVERIFY(store.open(path(), &error));
    QCOMPARE(store.load(id)->handlingUs, qint64(777));
}

void TestEventStore::clearAndRemove()
{
    EventRecorder recorder;
    QString error;
    QVERIFY(recorder.open(path(), &error));
    int done = 0;
    for (int i = 0; i < 5; ++i)
        recorder.submit(sampleEvent("r"), [&done](const CaptureResult &) { ++done; });
    QTRY_COMPARE(done, 5);
    EventStore reader;
    QVERIFY(reader.open(path(), &error));
    const QList<qint64> ids = reader.ids();
    QVERIFY(recorder.remove({ids[1], ids[3]}, &error));
    QCOMPARE(reader.ids(), (QList<qint64>{ids[0], ids[2], ids[4]}));
    QVERIFY(recorder.clear(&error));
    QCOMPARE(reader.count(), qint64(0));
    // Ids keep growing after a clear: an old id never names a new event.
    qint64 next = 0;
    recorder.submit(sampleEvent("n"), [&next](const CaptureResult &r) { next = r.id; });
    QTRY_VERIFY(next > 0);
    QVERIFY(next > ids.last());
    recorder.waitForPending();
    QCOMPARE(reader.ids(), QList<qint64>{next}); // made from count, first and last: no gap
}

void TestEventStore::summariesPageInIdOrder()
{
    EventStore store;
    QString error;
    QVERIFY(store.open(path(), &error));
    QVERIFY(store.begin());
    for (int i = 0; i < 30; ++i) {
        Event e = sampleEvent(QByteArray(i, 'x'));
        QVERIFY(store.insert(e, &error));
    }
    QVERIFY(store.commit(&error));
    const QList<EventSummary> first = store.summaries(0, 20);
    QCOMPARE(first.size(), 20);
    const QList<EventSummary> rest = store.summaries(first.last().id, 20);
    QCOMPARE(rest.size(), 10);
    QCOMPARE(rest.first().id, first.last().id + 1);
    QCOMPARE(rest.last().bodySize, qint64(29));
    QCOMPARE(rest.last().sender, QStringLiteral("203.0.113.9"));
    QCOMPARE(rest.last().responseStatus, 201);
    QCOMPARE(rest.last().method, QByteArray("POST"));
}

void TestEventStore::olderStoreIsMigratedKeepingItsRows()
{
    // A store as schema 1 wrote it, with one row, then opened by this build.
    QDir().mkpath(QFileInfo(path()).absolutePath());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        // Schema 1, frozen as released: later builds must migrate it, never recreate it.
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL, "
            "remote_address TEXT NOT NULL DEFAULT '', remote_port INTEGER NOT NULL DEFAULT 0, forwarded_for BLOB, "
            "forwarded_proto BLOB, forwarded_host BLOB, method BLOB NOT NULL, target BLOB NOT NULL, "
            "http_version BLOB NOT NULL, headers BLOB NOT NULL, content_type BLOB, body BLOB, "
            "body_size INTEGER NOT NULL DEFAULT 0, body_encoding INTEGER NOT NULL DEFAULT 0, decoded_body BLOB, "
            "decoded_encoding INTEGER NOT NULL DEFAULT 0, decode_error TEXT, response_status INTEGER NOT NULL, "
            "response_headers BLOB NOT NULL, response_body BLOB, handling_us INTEGER, error TEXT)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO events (received_at, method, target, http_version, headers, "
                                      "response_status, response_headers) VALUES (1, 'GET', '/old', '1.1', '', 200, '')")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    EventStore store;
    QString error;
    QVERIFY2(store.open(path(), &error), qPrintable(error));
    QCOMPARE(store.count(), qint64(1));
    QCOMPARE(store.load(store.ids().first())->target, QByteArray("/old"));
    QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
    check.setDatabaseName(path());
    QVERIFY(check.open());
    QSqlQuery version(check);
    QVERIFY(version.exec(QStringLiteral("PRAGMA user_version")) && version.next());
    QCOMPARE(version.value(0).toInt(), Migrations::currentVersion());
}

void TestEventStore::newerStoreIsRefusedWithReason()
{
    {
        EventStore store;
        QString error;
        QVERIFY(store.open(path(), &error));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    EventStore store;
    QString error;
    QVERIFY(!store.open(path(), &error));
    QVERIFY2(error.contains(QLatin1String("newer Hookscope")), qPrintable(error));
}

void TestEventStore::notAStoreIsRefusedWithReason()
{
    QDir().mkpath(QFileInfo(path()).absolutePath());
    QFile file(path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'G'));
    file.close();
    EventStore store;
    QString error;
    QVERIFY(!store.open(path(), &error));
    QVERIFY2(error.contains(path()), qPrintable(error));
    QVERIFY(!store.isOpen());
}

void TestEventStore::unwritableFolderIsRefusedWithReason()
{
    QFile blocker(m_dir->filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    EventStore store;
    QString error;
    QVERIFY(!store.open(m_dir->filePath(QStringLiteral("file/sub/events.sqlite")), &error));
    QVERIFY2(error.contains(QLatin1String("cannot create the folder")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
