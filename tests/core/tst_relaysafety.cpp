#include "http/OwnAddresses.h"
#include "http/Receiver.h"
#include "relay/RequestReplayer.h"
#include "store/EventRecorder.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

// Accepts connections and keeps every byte it is sent, answering 204 once a request head has
// arrived: the wire as a lenient server behind Hookscope would see it.
class RawListener final : public QObject
{
public:
    RawListener()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            ++m_connections;
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_bytes += socket->readAll();
                const qsizetype end = m_bytes.indexOf("\r\n\r\n");
                const qsizetype length = m_bytes.indexOf("Content-Length: ");
                const qsizetype body = length < 0 ? 0 : m_bytes.mid(length + 16, m_bytes.indexOf('\r', length) - length - 16).toLongLong();
                if (end >= 0 && m_bytes.size() >= end + 4 + body)
                    socket->write("HTTP/1.1 204 No Content\r\n\r\n");
            });
        });
    }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] QByteArray bytes() const { return m_bytes; }
    [[nodiscard]] int connections() const { return m_connections; }

private:
    QTcpServer m_server;
    QByteArray m_bytes;
    int m_connections = 0;
};

ReplayResult replay(const QUrl &url, const OutgoingRequest &request)
{
    RequestReplayer replayer;
    replayer.setTimeoutMs(5000);
    QSignalSpy finished(&replayer, &RequestReplayer::finished);
    replayer.send(url, request);
    if (!finished.wait(10000) || finished.size() != 1)
        return ReplayResult{0, {}, {}, {}, -1, QStringLiteral("test: finished() not emitted exactly once")};
    return finished.first().first().value<ReplayResult>();
}

} // namespace

// What forward and replay put on the wire, whatever the capture or an import held (issue 20):
// one framing, no line break where HTTP forbids one, never a request to Hookscope itself.
class TestRelaySafety final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesExactlyOneFraming_data();
    void writesExactlyOneFraming();
    void lineBreaksAreRefusedBeforeSending_data();
    void lineBreaksAreRefusedBeforeSending();
    void ownAddressIsRefusedInEverySpelling_data();
    void ownAddressIsRefusedInEverySpelling();
    void hopMarkerNamesThisProcess();
};

void TestRelaySafety::writesExactlyOneFraming_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("expectedHeaders"); // between the request line and Via
    QTest::newRow("Transfer-Encoding with a blank before the colon, and a stale length")
        << HeaderList{{"Host", "abc.ngrok.app"}, {"Transfer-Encoding ", "chunked"}, {"Content-Length", "999"}}
        << QByteArray("Host: HOST\r\nContent-Length: 5\r\n");
    QTest::newRow("Transfer-Encoding in capitals and with a tab")
        << HeaderList{{"TRANSFER-ENCODING", "chunked"}, {"\tTransfer-Encoding", "gzip, chunked"}, {"X-A", "1"}}
        << QByteArray("X-A: 1\r\nHost: HOST\r\nContent-Length: 5\r\n");
    QTest::newRow("two lengths become one, in the first one's place")
        << HeaderList{{"Content-Length", "3"}, {"X-A", "1"}, {"content-length ", "5"}}
        << QByteArray("Content-Length: 5\r\nX-A: 1\r\nHost: HOST\r\n");
    QTest::newRow("hop-by-hop headers and those Connection names are dropped")
        << HeaderList{{"Connection", "keep-alive, X-Hop, Host"}, {"Keep-Alive", "timeout=5"}, {"X-Hop", "secret"},
                      {"Upgrade", "h2c"}, {"TE", "trailers"}, {"Trailer", "X-T"}, {"Proxy-Connection", "close"},
                      {"X-Kept", "1"}}
        << QByteArray("X-Kept: 1\r\nHost: HOST\r\nContent-Length: 5\r\n");
    QTest::newRow("HTTP/2 pseudo headers of a browser HAR are not sent")
        << HeaderList{{":authority", "shop.example"}, {":path", "/x"}, {":method", "POST"}, {"X-A", "1"}}
        << QByteArray("X-A: 1\r\nHost: HOST\r\nContent-Length: 5\r\n");
    QTest::newRow("a name that is not a token is not sent; blanks around one are dropped")
        << HeaderList{{"X Two Words", "1"}, {"X-B ", "2"}, {"", "3"}, {"X-C", "4"}}
        << QByteArray("X-B: 2\r\nX-C: 4\r\nHost: HOST\r\nContent-Length: 5\r\n");
}

void TestRelaySafety::writesExactlyOneFraming()
{
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, expectedHeaders);
    RawListener listener;
    OutgoingRequest request;
    request.method = "POST";
    request.target = "/x";
    request.headers = headers;
    request.body = "hello";
    const ReplayResult result = replay(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(listener.port())), request);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const QByteArray host = "127.0.0.1:" + QByteArray::number(listener.port());
    QCOMPARE(listener.bytes(), "POST /x HTTP/1.1\r\n" + QByteArray(expectedHeaders).replace("HOST", host) + "Via: 1.1 "
                                   + OutgoingRequest::hopMarker() + "\r\n\r\nhello");
}

void TestRelaySafety::lineBreaksAreRefusedBeforeSending_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QString>("error");
    QTest::newRow("CR LF and a second request in the method")
        << QByteArray("GET / HTTP/1.1\r\n\r\nDELETE") << QByteArray("/api/users/1") << HeaderList{}
        << "not sent: the method holds a carriage return (CR)";
    QTest::newRow("LF in the target") << QByteArray("POST") << QByteArray("/a\nX-Injected: 1") << HeaderList{}
                                      << "not sent: the target holds a line feed (LF)";
    QTest::newRow("CR LF in a header value")
        << QByteArray("POST") << QByteArray("/") << HeaderList{{"X-A", "1"}, {"X-B", "2\r\nTransfer-Encoding: chunked"}}
        << "not sent: the header 1 (X-B) value holds a carriage return (CR)";
    QTest::newRow("NUL in a header name") << QByteArray("POST") << QByteArray("/") << HeaderList{{QByteArray("X\0A", 3), "1"}}
                                          << "not sent: the header 0 name holds a NUL byte";
}

void TestRelaySafety::lineBreaksAreRefusedBeforeSending()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(HeaderList, headers);
    QFETCH(QString, error);
    RawListener listener;
    OutgoingRequest request;
    request.method = method;
    request.target = target;
    request.headers = headers;
    request.body = "{}";
    const ReplayResult result = replay(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(listener.port())), request);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
    QCOMPARE(listener.connections(), 0);
}

void TestRelaySafety::ownAddressIsRefusedInEverySpelling_data()
{
    QTest::addColumn<QString>("url"); // PORT: the own receiver's port
    QTest::addColumn<bool>("refused");
    for (const char *url : {"http://localhost:PORT/webhooks", "http://LOCALHOST:PORT", "http://127.0.0.1:PORT/x?y=1",
                            "http://127.9.9.9:PORT", "http://[::1]:PORT", "http://0.0.0.0:PORT", "http://[::]:PORT",
                            "http://[::ffff:127.0.0.1]:PORT", "http://hooks.localhost:PORT",
                            "https://abc.ngrok.test/webhooks", "https://ABC.ngrok.test:443", "http://abc.ngrok.test:443"})
        QTest::newRow(url) << QString::fromLatin1(url) << true;
    QTest::newRow("another port is another app") << QStringLiteral("http://localhost:OTHER/webhooks") << false;
    QTest::newRow("the tunnel's host on another port") << QStringLiteral("http://abc.ngrok.test/") << false;
}

void TestRelaySafety::ownAddressIsRefusedInEverySpelling()
{
    QFETCH(QString, url);
    QFETCH(bool, refused);
    QTemporaryDir dir;
    EventRecorder recorder;
    QString error;
    QVERIFY2(recorder.open(dir.filePath(QStringLiteral("own.sqlite")), &error), qPrintable(error));
    Receiver own(&recorder);
    ReceiverConfig config;
    config.port = 0;
    config.bindAddress = QHostAddress::Any;
    own.setConfig(config);
    own.setOwnAddress(true);
    QVERIFY2(own.start(), qPrintable(own.errorString()));
    OwnAddresses::setPublicUrl(QStringLiteral("https://abc.ngrok.test"));
    RawListener other;
    url.replace(QLatin1String("OTHER"), QString::number(other.port())).replace(QLatin1String("PORT"), QString::number(own.port()));
    const QString problem = RequestReplayer::checkUrl(QUrl(url));
    OwnAddresses::setPublicUrl({});
    QCOMPARE(!problem.isEmpty(), refused);
    if (!refused)
        return;
    QVERIFY2(problem.contains(QLatin1String("would loop")), qPrintable(problem));
    // send() refuses the same way: nothing reaches the own receiver.
    QSignalSpy stored(&recorder, &EventRecorder::eventsStored);
    OwnAddresses::setPublicUrl(QStringLiteral("https://abc.ngrok.test"));
    const ReplayResult result = replay(QUrl(url), OutgoingRequest{});
    OwnAddresses::setPublicUrl({});
    QCOMPARE(result.error, problem);
    QCOMPARE(stored.size(), 0);
}

void TestRelaySafety::hopMarkerNamesThisProcess()
{
    const QByteArray marker = OutgoingRequest::hopMarker();
    QVERIFY(marker.startsWith("hookscope-") && marker.size() > 14);
    QVERIFY(OutgoingRequest::carriesOwnMarker({{"Via", "1.0 proxy, 1.1 " + marker + " (comment)"}}));
    QVERIFY(OutgoingRequest::carriesOwnMarker({{"via ", "1.1 " + marker}}));
    QVERIFY(!OutgoingRequest::carriesOwnMarker({{"Via", "1.1 hookscope-other"}}));
    QVERIFY(!OutgoingRequest::carriesOwnMarker({{"X-Via", "1.1 " + marker}}));
}

QTEST_GUILESS_MAIN(TestRelaySafety)
#include "tst_relaysafety.moc"
