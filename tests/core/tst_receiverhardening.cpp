// The receiver against hostile or careless senders, through real sockets: the connection cap
// and silent connections, RFC 9112 strictness (whitespace before a colon, versions), trailer
// fields, compression bombs and the decode budget, half-closed clients, clients that never read.
#include "common/Gzip.h"
#include "common/RawHttpClient.h"
#include "common/ReceiverFixture.h"
#include "exchange/ExportEventCodec.h"
#include "http/BodyDecoder.h"
#include "http/ContentDecoding.h"
#include "store/EventStore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <nlohmann/json.hpp>
#include <sys/socket.h>

using namespace hookscope;
using namespace hookscope::test;

class TestReceiverHardening final : public QObject, protected ReceiverFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void connectionLimitPausesAcceptingWhileEveryConnectionIsBusy();
    void connectionLimitClosesTheLongestSilentConnectionForANewOne();
    void silentConnectionIsClosedAfterTheFirstByteTimeout();
    void strictnessViolationsAreRefusedWithTheirStatus_data();
    void strictnessViolationsAreRefusedWithTheirStatus();
    void trailerFieldsAreStoredApartFromTheHeaders();
    void trailerFieldsGoWithTheirEvent();
    void bodyDecodingBeyondTheBodyLimitIsRefusedWith413();
    void multiMemberGzipIsDecodedWhole();
    void decodingStopsWhenTheBudgetIsUsedUp();
    void pipelinedRequestsKeepTheirOrderAroundADecodedBody();
    void halfClosedClientIsNotRecordedAsAnswered();
    void clientThatStopsReadingIsAnsweredInFullOnceItReads();
};

void TestReceiverHardening::connectionLimitPausesAcceptingWhileEveryConnectionIsBusy()
{
    ReceiverConfig config = m_receiver->config();
    config.maxConnections = 2;
    config.idleTimeoutMs = 60000;
    restart(config);
    QSignalSpy limit(m_receiver.get(), &Receiver::connectionLimitReached);
    RawHttpClient a(m_receiver->port());
    RawHttpClient b(m_receiver->port());
    a.send("POST /a HTTP/1.1\r\nHost: x"); // mid-head: busy, not to be closed for another
    b.send("POST /b HTTP/1.1\r\nHost: x");
    QTRY_COMPARE(m_receiver->connectionCount(), 2);
    QTRY_VERIFY(!m_receiver->hasIdleConnection());
    RawHttpClient c(m_receiver->port()); // waits in the backlog
    c.send(post("/third", "3"));
    QTRY_COMPARE(limit.count(), 1);
    QTest::qWait(200);
    QCOMPARE(c.responses().size(), 0);
    QCOMPARE(m_receiver->evictedCount(), 0);
    a.socket().disconnectFromHost();
    QTRY_COMPARE(c.responses().size(), 1);
    QCOMPARE(c.responses().first().status, 200);
}

void TestReceiverHardening::connectionLimitClosesTheLongestSilentConnectionForANewOne()
{
    ReceiverConfig config = m_receiver->config();
    config.maxConnections = 3;
    config.idleTimeoutMs = 60000;
    restart(config);
    RawHttpClient silentOld(m_receiver->port());
    QTRY_COMPARE(m_receiver->connectionCount(), 1);
    RawHttpClient spoke(m_receiver->port());
    spoke.send(post("/spoke", "1"));
    QTRY_COMPARE(spoke.responses().size(), 1); // idle between requests now
    RawHttpClient silentYoung(m_receiver->port());
    QTRY_COMPARE(m_receiver->connectionCount(), 3);

    RawHttpClient fresh(m_receiver->port());
    fresh.send(post("/fresh", "2"));
    QTRY_COMPARE(fresh.responses().size(), 1);
    QCOMPARE(fresh.responses().first().status, 200);
    QTRY_VERIFY(silentOld.wasClosed()); // silent ones go first, the one that waited longest
    QVERIFY(!silentYoung.wasClosed());
    QVERIFY(!spoke.wasClosed());
    QCOMPARE(m_receiver->evictedCount(), 1);
    QCOMPARE(m_receiver->connectionCount(), 3);
}

void TestReceiverHardening::silentConnectionIsClosedAfterTheFirstByteTimeout()
{
    ReceiverConfig config = m_receiver->config();
    config.idleTimeoutMs = 60000;
    config.firstByteTimeoutMs = 300;
    restart(config);
    RawHttpClient silent(m_receiver->port());
    RawHttpClient talker(m_receiver->port());
    talker.send("POST /t HTTP/1.1\r\n"); // spoke: the first-byte timeout is not its business
    QTRY_VERIFY_WITH_TIMEOUT(silent.wasClosed(), 5000);
    QCOMPARE(silent.responses().size(), 1);
    QCOMPARE(silent.responses().first().status, 408);
    QVERIFY(silent.responses().first().body.contains("nothing received for 0.3 s"));
    QVERIFY(!talker.wasClosed());
    QTRY_COMPARE(m_receiver->connectionCount(), 1);
}

void TestReceiverHardening::strictnessViolationsAreRefusedWithTheirStatus_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("400 space before the colon of Transfer-Encoding")
        << QByteArray("POST /smuggle HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n"
                      "5\r\nhello\r\n0\r\n\r\n")
        << 400 << QByteArray("whitespace in or after the field name 'Transfer-Encoding'");
    QTest::newRow("400 space before the colon of Content-Length")
        << QByteArray("POST /smuggle HTTP/1.1\r\nContent-Length : 5\r\n\r\nhello") << 400
        << QByteArray("RFC 9112 section 5.1");
    QTest::newRow("505 HTTP/3.7") << QByteArray("POST /v HTTP/3.7\r\nContent-Length: 2\r\n\r\nab") << 505
                                  << QByteArray("HTTP Version Not Supported: HTTP/3.7");
    QTest::newRow("505 HTTP/2.0") << QByteArray("GET /v HTTP/2.0\r\n\r\n") << 505 << QByteArray("HTTP/2.0");
}

void TestReceiverHardening::strictnessViolationsAreRefusedWithTheirStatus()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    const qint64 before = storedCount();
    RawHttpClient bad(m_receiver->port());
    bad.send(request);
    QTRY_VERIFY_WITH_TIMEOUT(bad.wasClosed(), 5000);
    const QList<RawResponse> responses = bad.responses();
    QCOMPARE(responses.size(), 1); // the rest of the bytes is never taken for another request
    QCOMPARE(responses[0].status, status);
    QVERIFY2(responses[0].body.contains(reason), responses[0].body.constData());
    QCOMPARE(responses[0].header("connection"), QByteArray("close"));
    // Recorded, with the reason, as one event.
    QTRY_COMPARE(storedCount(), before + 1);
    const auto event = lastEvent();
    QCOMPARE(event->response.status, status);
    QVERIFY(event->error.contains(QString::fromLatin1(reason)));
}

void TestReceiverHardening::trailerFieldsAreStoredApartFromTheHeaders()
{
    RawHttpClient client(m_receiver->port());
    client.send("POST /t HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
                "3\r\nabc\r\n0\r\nX-Checksum: 900150983cd24fb0\r\n\r\n");
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().status, 200);
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->body, QByteArray("abc"));
    QVERIFY(!hasHeader(event->headers, "x-checksum"));
    QCOMPARE(event->trailers, HeaderList({{"X-Checksum", "900150983cd24fb0"}}));
    const auto json = ExportEventCodec::toJson(*event, std::nullopt);
    QVERIFY(json["request"].contains("trailers"));
    QCOMPARE(json["request"]["trailers"].dump(), std::string(R"([{"name":"X-Checksum","value":"900150983cd24fb0"}])"));
    Event back;
    QString error;
    QVERIFY2(ExportEventCodec::fromJson(json, &back, &error), qPrintable(error));
    QCOMPARE(back.trailers, event->trailers);
}

void TestReceiverHardening::trailerFieldsGoWithTheirEvent()
{
    m_receiver.reset();
    m_recorder.reset();
    EventStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    Event withTrailers;
    withTrailers.method = "POST";
    withTrailers.target = "/t";
    withTrailers.trailers = {{"X-Sum", "1"}};
    QVERIFY(store.begin());
    QVERIFY2(store.insert(withTrailers, &error), qPrintable(error));
    QVERIFY(store.commit(&error));
    QCOMPARE(store.load(withTrailers.id)->trailers, withTrailers.trailers);
    const auto trailerRows = [this] {
        qint64 rows = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
            db.setDatabaseName(m_path);
            QSqlQuery q(db);
            if (db.open() && q.exec(QStringLiteral("SELECT count(*) FROM event_trailers")) && q.next())
                rows = q.value(0).toLongLong();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
        return rows;
    };
    QCOMPARE(trailerRows(), 1);
    QVERIFY2(store.remove({withTrailers.id}, &error), qPrintable(error));
    QCOMPARE(trailerRows(), 0); // removed with its event, not left behind
}

void TestReceiverHardening::bodyDecodingBeyondTheBodyLimitIsRefusedWith413()
{
    ReceiverConfig config = m_receiver->config();
    config.limits.maxBodyBytes = 64 * 1024;
    restart(config);
    const QByteArray bomb = gzip(QByteArray(8 * 1024 * 1024, 'a')); // 8 MiB in about 8 KiB
    QVERIFY(bomb.size() < 64 * 1024);
    RawHttpClient client(m_receiver->port());
    client.send(post("/bomb", bomb, "Content-Encoding: gzip\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    const RawResponse r = client.responses().first();
    QCOMPARE(r.status, 413);
    QVERIFY2(r.body.contains("decodes (Content-Encoding gzip) to more than 65536 bytes"), r.body.constData());
    const auto event = lastEvent();
    QCOMPARE(event->response.status, 413);
    QCOMPARE(event->body, bomb); // the raw bytes are kept
    QVERIFY(!event->decodedBody);
    QVERIFY(event->error.contains(QLatin1String("Payload Too Large")));
    QCOMPARE(m_receiver->decoder()->budget().inUse(), 0);
    QVERIFY(m_receiver->decoder()->budget().peak() <= 64 * 1024 + 1024 * 1024); // stopped at the limit

    // The body was read in full: the connection goes on.
    client.send(post("/after", "1"));
    QTRY_COMPARE(client.responses().size(), 2);
    QCOMPARE(client.responses().at(1).status, 200);
}

void TestReceiverHardening::multiMemberGzipIsDecodedWhole()
{
    RawHttpClient client(m_receiver->port());
    client.send(post("/mm", gzip(R"({"part":)") + gzip(R"("two"})"), "Content-Encoding: gzip\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    const auto event = lastEvent();
    QVERIFY(event->decodedBody);
    QCOMPARE(*event->decodedBody, QByteArray(R"({"part":"two"})"));
    QVERIFY2(event->decodeError.isEmpty(), qPrintable(event->decodeError));

    const DecodedBody trailing = decodeContent("gzip", gzip("a") + "junk", 1024);
    QCOMPARE(trailing.body, std::optional<QByteArray>("a"));
    QVERIFY(trailing.error.contains(QLatin1String("4 byte(s) after the end")));
}

void TestReceiverHardening::decodingStopsWhenTheBudgetIsUsedUp()
{
    const auto budget = std::make_shared<DecodeBudget>(2 * 1024 * 1024);
    const QByteArray big = gzip(QByteArray(1536 * 1024, 'x'));
    DecodedBody first = decodeContent("gzip", big, 16 * 1024 * 1024, budget);
    QVERIFY(first.body);
    QCOMPARE(budget->inUse(), 2 * 1024 * 1024); // a MiB at a time
    const DecodedBody second = decodeContent("gzip", big, 16 * 1024 * 1024, budget);
    QVERIFY(!second.body);
    QVERIFY(second.overBudget);
    QVERIFY2(second.error.contains(QLatin1String("budget of 2 MiB")), qPrintable(second.error));
    QCOMPARE(budget->inUse(), 2 * 1024 * 1024); // the refused one holds nothing
    first.lease.reset(); // the first event was stored
    QCOMPARE(budget->inUse(), 0);
    QVERIFY(decodeContent("gzip", big, 16 * 1024 * 1024, budget).body);
    QCOMPARE(budget->inUse(), 0); // a result nobody keeps returns its share
}

void TestReceiverHardening::pipelinedRequestsKeepTheirOrderAroundADecodedBody()
{
    ReceiverConfig config = m_receiver->config();
    config.limits.maxBodyBytes = 1024 * 1024;
    restart(config);
    const QByteArray slow = gzip(QByteArray(900 * 1024, 'z'));
    RawHttpClient client(m_receiver->port());
    client.send(post("/1", "plain") + post("/2", slow, "Content-Encoding: gzip\r\n") + post("/3", "plain"));
    QTRY_COMPARE(client.responses().size(), 3);
    EventStore store;
    QString error;
    QVERIFY(store.open(m_path, &error));
    const QList<qint64> ids = store.ids();
    QCOMPARE(ids.size(), 3);
    QCOMPARE(store.load(ids[0])->target, QByteArray("/1"));
    QCOMPARE(store.load(ids[1])->target, QByteArray("/2"));
    QCOMPARE(store.load(ids[1])->decodedBody->size(), 900 * 1024);
    QCOMPARE(store.load(ids[2])->target, QByteArray("/3"));
}

void TestReceiverHardening::halfClosedClientIsNotRecordedAsAnswered()
{
    RawHttpClient client(m_receiver->port());
    QTRY_VERIFY(client.isConnected());
    client.send(post("/half", "1"));
    QTRY_VERIFY(client.socket().bytesToWrite() == 0);
    QCOMPARE(::shutdown(int(client.socket().socketDescriptor()), SHUT_WR), 0); // "I have sent everything"
    QTRY_VERIFY(client.wasClosed());
    QTRY_COMPARE(storedCount(), 1);
    EventStore store;
    QString error;
    QVERIFY(store.open(m_path, &error));
    const qint64 id = store.ids().last();
    if (!client.responses().isEmpty()) {
        // Answered before Qt saw the end of the input: then the event says so.
        QCOMPARE(store.load(id)->response.status, 200);
        return;
    }
    // Qt closes a socket at the first EOF, so nothing can be written after a half-close:
    // the event says the client was gone before its answer.
    QTRY_VERIFY(store.loadAnswer(id).has_value());
    QCOMPARE(store.loadAnswer(id)->source, AnswerSource::ClientGone);
    QCOMPARE(store.load(id)->response.status, 0);
}

void TestReceiverHardening::clientThatStopsReadingIsAnsweredInFullOnceItReads()
{
    ReceiverConfig config = m_receiver->config();
    config.defaultResponse.body = QByteArray(64 * 1024, 'r'); // 64 KiB answers pile up fast
    config.maxUnsentBytes = 256 * 1024;
    restart(config);
    RawHttpClient client(m_receiver->port());
    QTRY_VERIFY(client.isConnected());
    client.socket().setReadBufferSize(1); // reads (almost) nothing: the answers stay with the server
    constexpr int kRequests = 1000; // 64 MiB of answers, far beyond what kernel buffers hold
    QByteArray all;
    for (int i = 0; i < kRequests; ++i)
        all += post("/r" + QByteArray::number(i), "x");
    client.send(all);
    QTRY_VERIFY_WITH_TIMEOUT(storedCount() > 10, 5000);
    QTest::qWait(500); // time to read everything, were the server not holding back
    const qint64 heldBack = storedCount();
    QVERIFY2(heldBack < kRequests / 2, qPrintable(QString::number(heldBack)));
    client.socket().setReadBufferSize(0);
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), kRequests, 20000);
    QCOMPARE(client.responses().last().body.size(), 64 * 1024);
    QCOMPARE(storedCount(), kRequests);
}

QTEST_GUILESS_MAIN(TestReceiverHardening)
#include "tst_receiverhardening.moc"
