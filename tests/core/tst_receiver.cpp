#include "common/RawHttpClient.h"
#include "exchange/ExportEventCodec.h"
#include "http/BodyDecoder.h"
#include "http/ContentDecoding.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <zlib.h>

using namespace hookscope;
using namespace hookscope::test;

namespace {

QByteArray gzip(const QByteArray &data)
{
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&s, uLong(data.size()))) + 32, Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    s.avail_in = uInt(data.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

} // namespace

class TestReceiver final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void answersOnlyAfterTheEventIsStored();
    void acceptsAnyMethodAndPath_data();
    void acceptsAnyMethodAndPath();
    void keepAliveServesSeveralRequestsOnOneConnection();
    void pipelinedRequestsAreAnsweredInOrder();
    void chunkedBodySentByteByByteIsReassembled();
    void expectContinueGetsInterimResponseBeforeBody();
    void gzipBodyIsDecodedAndRawBytesKept();
    void forwardedHeadersAreRecorded();
    void defaultAnswerIsConfigurable();
    void limitsAnswerWithTheirOwnStatusAndClose_data();
    void limitsAnswerWithTheirOwnStatusAndClose();
    void rejectedRequestWithRequestLineIsRecorded();
    void idleKeepAliveConnectionClosesQuietly();
    void busyPortNamesThePortAndSuggestsAnother();
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

private:
    [[nodiscard]] std::optional<Event> lastEvent() const;
    [[nodiscard]] qint64 storedCount() const;
    void restart(const ReceiverConfig &config);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventRecorder> m_recorder;
    std::unique_ptr<Receiver> m_receiver;
    QString m_path;
};

void TestReceiver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("events.sqlite"));
    m_recorder = std::make_unique<EventRecorder>();
    QString error;
    QVERIFY2(m_recorder->open(m_path, &error), qPrintable(error));
    m_receiver = std::make_unique<Receiver>(m_recorder.get());
    ReceiverConfig config;
    config.port = 0;
    config.idleTimeoutMs = 400;
    config.limits = {2048, 4096};
    restart(config);
}

void TestReceiver::restart(const ReceiverConfig &config)
{
    m_receiver->stop();
    m_receiver->setConfig(config);
    QVERIFY2(m_receiver->start(), qPrintable(m_receiver->errorString()));
    QVERIFY(m_receiver->port() != 0);
}

void TestReceiver::cleanup()
{
    m_receiver.reset();
    m_recorder.reset();
    m_dir.reset();
}

std::optional<Event> TestReceiver::lastEvent() const
{
    EventStore store;
    QString error;
    if (!store.open(m_path, &error))
        return std::nullopt;
    const QList<qint64> ids = store.ids();
    return ids.isEmpty() ? std::nullopt : store.load(ids.last());
}

qint64 TestReceiver::storedCount() const
{
    EventStore store;
    QString error;
    return store.open(m_path, &error) ? store.count() : -1;
}

void TestReceiver::answersOnlyAfterTheEventIsStored()
{
    QSignalSpy stored(m_recorder.get(), &EventRecorder::eventsStored);
    RawHttpClient client(m_receiver->port());
    client.send(post("/hooks", R"({"id":"1"})", "Content-Type: application/json\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    // The response is written from the commit notification, so the event is there.
    QVERIFY(stored.count() >= 1);
    const RawResponse r = client.responses().first();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray(R"({"ok":true})"));
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->method, QByteArray("POST"));
    QCOMPARE(event->target, QByteArray("/hooks"));
    QCOMPARE(event->body, QByteArray(R"({"id":"1"})"));
    QCOMPARE(event->contentType, QByteArray("application/json"));
    QCOMPARE(event->remoteAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(event->response.status, 200);
    QCOMPARE(event->httpVersion, QByteArray("1.1"));
    QVERIFY(event->receivedAtMs > 0);
}

void TestReceiver::acceptsAnyMethodAndPath_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("GET with query") << QByteArray("GET /a/b?x=1&y=%C3%A9 HTTP/1.1\r\nHost: h\r\n\r\n")
                                    << QByteArray("GET") << QByteArray("/a/b?x=1&y=%C3%A9");
    QTest::newRow("DELETE root") << QByteArray("DELETE / HTTP/1.1\r\n\r\n") << QByteArray("DELETE") << QByteArray("/");
    QTest::newRow("PUT deep path") << post("/x/y/z", "1").replace("POST", "PUT") << QByteArray("PUT")
                                   << QByteArray("/x/y/z");
    QTest::newRow("OPTIONS star") << QByteArray("OPTIONS * HTTP/1.1\r\n\r\n") << QByteArray("OPTIONS")
                                  << QByteArray("*");
}

void TestReceiver::acceptsAnyMethodAndPath()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    RawHttpClient client(m_receiver->port());
    client.send(request);
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().status, 200);
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->method, method);
    QCOMPARE(event->target, target);
}

void TestReceiver::keepAliveServesSeveralRequestsOnOneConnection()
{
    RawHttpClient client(m_receiver->port());
    for (int i = 1; i <= 3; ++i) {
        client.send(post("/k" + QByteArray::number(i), "x"));
        QTRY_COMPARE(client.responses().size(), i);
    }
    QVERIFY(client.isConnected());
    QCOMPARE(storedCount(), qint64(3));
    QVERIFY(client.responses().last().header("connection").isEmpty());
}

void TestReceiver::pipelinedRequestsAreAnsweredInOrder()
{
    RawHttpClient client(m_receiver->port());
    // A HEAD answer has no body: were the answers out of order, the framing would not parse.
    client.send(post("/one", "1") + "HEAD /two HTTP/1.1\r\n\r\n" + "GET /three HTTP/1.1\r\nConnection: close\r\n\r\n");
    QTRY_VERIFY(client.wasClosed());
    const QList<RawResponse> responses = client.responses({1});
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses[0].body, QByteArray(R"({"ok":true})"));
    QCOMPARE(responses[1].body, QByteArray());
    QCOMPARE(responses[2].header("connection"), QByteArray("close"));
    EventStore store;
    QString error;
    QVERIFY(store.open(m_path, &error));
    const QList<qint64> ids = store.ids();
    QCOMPARE(ids.size(), 3);
    QCOMPARE(store.load(ids[0])->target, QByteArray("/one"));
    QCOMPARE(store.load(ids[1])->method, QByteArray("HEAD"));
    QCOMPARE(store.load(ids[2])->target, QByteArray("/three"));
}

void TestReceiver::chunkedBodySentByteByByteIsReassembled()
{
    RawHttpClient client(m_receiver->port());
    const QByteArray request = "POST /chunked HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n";
    for (char c : request) {
        client.send(QByteArray(1, c));
        QTest::qWait(0);
    }
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().status, 200);
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->body, QByteArray("Wikipedia in\r\n\r\nchunks."));
}

void TestReceiver::expectContinueGetsInterimResponseBeforeBody()
{
    RawHttpClient client(m_receiver->port());
    client.send("POST /expect HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    QTRY_VERIFY(client.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    QCOMPARE(client.responses().size(), 1);
    client.send("hello");
    QTRY_COMPARE(client.responses().size(), 2);
    QCOMPARE(client.responses()[1].status, 200);
    QCOMPARE(lastEvent()->body, QByteArray("hello"));
}

void TestReceiver::gzipBodyIsDecodedAndRawBytesKept()
{
    const QByteArray json = R"({"event":"x","object":{"n":[1,2,3]}})";
    const QByteArray compressed = gzip(json);
    RawHttpClient client(m_receiver->port());
    client.send(post("/gz", compressed, "Content-Encoding: gzip\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->body, compressed);
    QVERIFY(event->decodedBody);
    QCOMPARE(*event->decodedBody, json);
    QCOMPARE(event->displayBody(), json);

    RawHttpClient broken(m_receiver->port());
    broken.send(post("/gz", "not gzip at all", "Content-Encoding: gzip\r\n"));
    QTRY_COMPARE(broken.responses().size(), 1);
    const auto bad = lastEvent();
    QCOMPARE(bad->body, QByteArray("not gzip at all"));
    QVERIFY(!bad->decodedBody);
    QVERIFY(!bad->decodeError.isEmpty());
}

void TestReceiver::forwardedHeadersAreRecorded()
{
    RawHttpClient client(m_receiver->port());
    client.send(post("/fw?a=1", "{}",
                     "X-Forwarded-For: 203.0.113.7, 10.0.0.1\r\nX-Forwarded-Proto: https\r\n"
                     "X-Forwarded-Host: abc.ngrok-free.app\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    const auto event = lastEvent();
    QCOMPARE(event->forwardedFor, QByteArray("203.0.113.7, 10.0.0.1"));
    QCOMPARE(event->forwardedProto, QByteArray("https"));
    QCOMPARE(event->forwardedHost, QByteArray("abc.ngrok-free.app"));
    QCOMPARE(event->sender(), QStringLiteral("203.0.113.7"));
    QCOMPARE(event->publicUrl(), QStringLiteral("https://abc.ngrok-free.app/fw?a=1"));
}

void TestReceiver::defaultAnswerIsConfigurable()
{
    ReceiverConfig config = m_receiver->config();
    config.defaultResponse.status = 202;
    config.defaultResponse.headers = {{"Content-Type", "text/plain"}, {"X-Hook", "1"}};
    config.defaultResponse.body = "accepted";
    restart(config);
    RawHttpClient client(m_receiver->port());
    client.send(post("/c", "x"));
    QTRY_COMPARE(client.responses().size(), 1);
    const RawResponse r = client.responses().first();
    QCOMPARE(r.status, 202);
    QCOMPARE(r.header("x-hook"), QByteArray("1"));
    QCOMPARE(r.body, QByteArray("accepted"));
    QCOMPARE(lastEvent()->response.body, QByteArray("accepted"));
}

void TestReceiver::limitsAnswerWithTheirOwnStatusAndClose_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("413 body over the limit") << post("/big", QByteArray(5000, 'b')) << 413
                                             << QByteArray("exceeds the limit of 4096 bytes");
    QTest::newRow("413 chunked body over the limit")
        << QByteArray("POST /big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n" + QByteArray(4096, 'c')
                      + "\r\n1\r\nx\r\n0\r\n\r\n")
        << 413 << QByteArray("exceeds the limit of 4096 bytes");
    QTest::newRow("431 head over the limit")
        << QByteArray("GET /h HTTP/1.1\r\nX-Big: " + QByteArray(3000, 'h') + "\r\n\r\n") << 431
        << QByteArray("limit of 2048 bytes");
    QTest::newRow("408 silent in the middle of the body") << post("/slow", "0123456789").left(60) << 408
                                                         << QByteArray("nothing received for 0.4 s");
    QTest::newRow("408 silent in the middle of the head") << QByteArray("POST /slow HTTP/1.1\r\nHost: x") << 408
                                                         << QByteArray("Request Timeout");
    QTest::newRow("408 connection that never sends") << QByteArray() << 408 << QByteArray("Request Timeout");
    QTest::newRow("400 both content-length and transfer-encoding")
        << QByteArray("POST /both HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        << 400 << QByteArray("both Content-Length and Transfer-Encoding");
    QTest::newRow("400 not HTTP at all") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03") << 400
                                         << QByteArray("malformed HTTP");
}

void TestReceiver::limitsAnswerWithTheirOwnStatusAndClose()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);

    RawHttpClient bad(m_receiver->port());
    RawHttpClient good(m_receiver->port()); // must not be disturbed
    QTRY_VERIFY(bad.isConnected() && good.isConnected());
    if (!request.isEmpty())
        bad.send(request);
    good.send(post("/good", "1"));
    QTRY_COMPARE(good.responses().size(), 1);

    QTRY_VERIFY_WITH_TIMEOUT(bad.wasClosed(), 5000);
    const QList<RawResponse> responses = bad.responses();
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses[0].status, status);
    QVERIFY2(responses[0].body.contains(reason), responses[0].body.constData());
    QCOMPARE(responses[0].body.count('\n'), 1); // one line of plain text
    QVERIFY(responses[0].header("content-type").startsWith("text/plain"));
    QCOMPARE(responses[0].header("connection"), QByteArray("close"));

    // The server keeps serving, on the old connection (unless it idled out meanwhile,
    // which the 408 rows wait long enough for) and on new ones.
    if (!good.wasClosed()) {
        good.send(post("/good-again", "2"));
        QTRY_COMPARE(good.responses().size(), 2);
    }
    RawHttpClient after(m_receiver->port());
    after.send(post("/after", "3"));
    QTRY_COMPARE(after.responses().size(), 1);
    QCOMPARE(after.responses().first().status, 200);
}

void TestReceiver::rejectedRequestWithRequestLineIsRecorded()
{
    RawHttpClient client(m_receiver->port());
    client.send(post("/too-big", QByteArray(5000, 'z'), "X-Trace: t1\r\n"));
    QTRY_VERIFY(client.wasClosed());
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->target, QByteArray("/too-big"));
    QCOMPARE(event->method, QByteArray("POST"));
    QCOMPARE(event->response.status, 413);
    QVERIFY(event->error.contains(QLatin1String("exceeds the limit")));
    QCOMPARE(headerValue(event->headers, "x-trace"), QByteArray("t1"));

    // Garbage without a request line is answered but is no event.
    const qint64 before = storedCount();
    RawHttpClient garbage(m_receiver->port());
    garbage.send("\x01\x02\x03\r\n\r\n");
    QTRY_VERIFY(garbage.wasClosed());
    QCOMPARE(garbage.responses().first().status, 400);
    QCOMPARE(storedCount(), before);
}

void TestReceiver::idleKeepAliveConnectionClosesQuietly()
{
    RawHttpClient client(m_receiver->port());
    client.send(post("/once", "1"));
    QTRY_COMPARE(client.responses().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(client.wasClosed(), 5000);
    QCOMPARE(client.responses().size(), 1); // no unsolicited 408 after a completed exchange
}

void TestReceiver::busyPortNamesThePortAndSuggestsAnother()
{
    EventRecorder otherRecorder;
    Receiver other(&otherRecorder);
    ReceiverConfig config;
    config.port = m_receiver->port();
    other.setConfig(config);
    QVERIFY(!other.start());
    QVERIFY2(other.errorString().contains(QString::number(config.port)), qPrintable(other.errorString()));
    QVERIFY(other.errorString().contains(QLatin1String("--port")));
    QVERIFY(other.errorString().contains(QLatin1String("already in use")));
}

void TestReceiver::connectionLimitPausesAcceptingWhileEveryConnectionIsBusy()
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

void TestReceiver::connectionLimitClosesTheLongestSilentConnectionForANewOne()
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

void TestReceiver::silentConnectionIsClosedAfterTheFirstByteTimeout()
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

void TestReceiver::strictnessViolationsAreRefusedWithTheirStatus_data()
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

void TestReceiver::strictnessViolationsAreRefusedWithTheirStatus()
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

void TestReceiver::trailerFieldsAreStoredApartFromTheHeaders()
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

void TestReceiver::trailerFieldsGoWithTheirEvent()
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

void TestReceiver::bodyDecodingBeyondTheBodyLimitIsRefusedWith413()
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

void TestReceiver::multiMemberGzipIsDecodedWhole()
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

void TestReceiver::decodingStopsWhenTheBudgetIsUsedUp()
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

void TestReceiver::pipelinedRequestsKeepTheirOrderAroundADecodedBody()
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

void TestReceiver::halfClosedClientIsNotRecordedAsAnswered()
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

void TestReceiver::clientThatStopsReadingIsAnsweredInFullOnceItReads()
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

QTEST_GUILESS_MAIN(TestReceiver)
#include "tst_receiver.moc"
