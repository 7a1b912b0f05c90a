#include "common/Gzip.h"
#include "common/RawHttpClient.h"
#include "common/ReceiverFixture.h"
#include "store/EventStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

class TestReceiver final : public QObject, protected ReceiverFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

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
};

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

QTEST_GUILESS_MAIN(TestReceiver)
#include "tst_receiver.moc"
