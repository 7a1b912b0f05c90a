#include "common/ReceiverFixture.h"
#include "http/Receiver.h"
#include "relay/RequestReplayer.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

QByteArray binaryBody()
{
    QByteArray body;
    for (int i = 0; i < 700; ++i)
        body.append(char(i % 256));
    return body + QByteArray("\r\n\r\nGET / HTTP/1.1\r\n", 19); // bytes that look like framing
}

HeaderList withoutHost(const HeaderList &headers)
{
    HeaderList out;
    for (const auto &h : headers) {
        if (h.first.compare("host", Qt::CaseInsensitive) != 0)
            out.append(h);
    }
    return out;
}

// A server that accepts and then does what the test says: stay silent or answer garbage.
class OddServer final : public QObject
{
public:
    explicit OddServer(QByteArray answer)
        : m_answer(std::move(answer))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                socket->readAll();
                if (!m_answer.isEmpty()) {
                    socket->write(m_answer);
                    socket->disconnectFromHost();
                }
            });
        });
    }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
    QByteArray m_answer;
};

} // namespace

class TestRequestReplayer final : public QObject, protected ReceiverFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void joinsTheTargetToTheBaseUrl_data();
    void joinsTheTargetToTheBaseUrl();
    void replayedRequestArrivesByteForByte_data();
    void replayedRequestArrivesByteForByte();
    void showsTheTargetsResponse();
    void failuresGiveAClearError_data();
    void failuresGiveAClearError();
    void invalidUrlIsRefusedWithoutSending();

private:
    [[nodiscard]] ReplayResult replay(const QUrl &url, const OutgoingRequest &request, int timeoutMs = 5000);
    [[nodiscard]] std::optional<Event> lastStored() const;

};

void TestRequestReplayer::init()
{
    openStore();
    ReceiverConfig config;
    config.port = 0;
    config.defaultResponse.status = 202;
    config.defaultResponse.headers = {{"Content-Type", "application/json"}, {"X-App", "a"}, {"X-App", "b"}};
    config.defaultResponse.body = R"({"accepted":true})";
    startOn(m_recorder.get(), config);
}

void TestRequestReplayer::cleanup()
{
    tearDown();
}

ReplayResult TestRequestReplayer::replay(const QUrl &url, const OutgoingRequest &request, int timeoutMs)
{
    RequestReplayer replayer;
    replayer.setTimeoutMs(timeoutMs);
    QSignalSpy finished(&replayer, &RequestReplayer::finished);
    replayer.send(url, request);
    if (!finished.wait(timeoutMs + 5000) || finished.size() != 1)
        return ReplayResult{0, {}, {}, {}, -1, QStringLiteral("test: finished() not emitted exactly once")};
    return finished.first().first().value<ReplayResult>();
}

std::optional<Event> TestRequestReplayer::lastStored() const
{
    EventStore reader;
    QString error;
    if (!reader.open(m_recorder->path(), &error))
        return std::nullopt;
    return reader.load(reader.maxId());
}

void TestRequestReplayer::joinsTheTargetToTheBaseUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("host only keeps the target") << "http://localhost:3000" << QByteArray("/hooks/a?x=1") << QByteArray("/hooks/a?x=1");
    QTest::newRow("base path prefixes the target") << "http://localhost:3000/webhooks" << QByteArray("/booking") << QByteArray("/webhooks/booking");
    QTest::newRow("root target adds nothing") << "http://localhost:3000/webhooks" << QByteArray("/") << QByteArray("/webhooks");
    QTest::newRow("root target keeps its query") << "http://localhost:3000/webhooks" << QByteArray("/?a=1") << QByteArray("/webhooks?a=1");
    QTest::newRow("trailing slash is not doubled") << "http://localhost:3000/webhooks/" << QByteArray("/b") << QByteArray("/webhooks/b");
    QTest::newRow("queries are joined") << "http://localhost:3000/w?token=t" << QByteArray("/x?a=1") << QByteArray("/w/x?token=t&a=1");
    QTest::newRow("encoded bytes stay as sent") << "http://localhost:3000" << QByteArray("/a%20b?q=%C3%A9") << QByteArray("/a%20b?q=%C3%A9");
}

void TestRequestReplayer::joinsTheTargetToTheBaseUrl()
{
    QFETCH(QString, base);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, expected);
    QCOMPARE(OutgoingRequest::joinTarget(QUrl(base), target), expected);
}

void TestRequestReplayer::replayedRequestArrivesByteForByte_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");

    const HeaderList captured = {{"User-Agent", "Booking-Platform/2.1"}, {"Host", "abc.ngrok.app"},
                                 {"X-Signature", "sha256=1"}, {"X-Dup", "first"}, {"X-Empty", ""},
                                 {"content-type", "application/octet-stream"}, {"X-Dup", "second"},
                                 {"Content-Length", "719"}};
    QTest::newRow("as captured: order, duplicates, binary body")
        << QByteArray("POST") << QByteArray("/hooks/book?id=7&x=%20") << captured << binaryBody();
    HeaderList edited = captured;
    edited[2].second = "sha256=edited";
    edited.append(std::pair<QByteArray, QByteArray>("X-Added", "yes"));
    QTest::newRow("edited headers and body") << QByteArray("PUT") << QByteArray("/edited") << edited
                                             << QByteArray(R"({"edited":true})");
    QTest::newRow("chunked original is sent with a length")
        << QByteArray("POST") << QByteArray("/c")
        << HeaderList{{"Transfer-Encoding", "chunked"}, {"Content-Type", "application/json"}} << QByteArray(R"({"a":1})");
    QTest::newRow("GET without body") << QByteArray("GET") << QByteArray("/ping") << HeaderList{{"Accept", "*/*"}}
                                      << QByteArray();
}

void TestRequestReplayer::replayedRequestArrivesByteForByte()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    OutgoingRequest request;
    request.method = method;
    request.target = target;
    request.headers = headers;
    request.body = body;

    const ReplayResult result = replay(m_receiver->url(), request);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const std::optional<Event> stored = lastStored();
    QVERIFY(stored);
    QCOMPARE(stored->method, method);
    QCOMPARE(stored->target, target);
    QCOMPARE(stored->body, body);
    HeaderList expected;
    for (const auto &h : headers) {
        if (h.first.compare("transfer-encoding", Qt::CaseInsensitive) == 0
            || h.first.compare("host", Qt::CaseInsensitive) == 0)
            continue;
        if (h.first.compare("content-length", Qt::CaseInsensitive) == 0)
            expected.append({h.first, QByteArray::number(body.size())});
        else
            expected.append(h);
    }
    if (!hasHeader(headers, "content-length") && method != "GET")
        expected.append({"Content-Length", QByteArray::number(body.size())});
    expected.append({"Via", "1.1 " + OutgoingRequest::hopMarker()});
    QCOMPARE(withoutHost(stored->headers), expected);
    // Host names the target, in the place the original had it.
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_receiver->port());
    QCOMPARE(headerValue(stored->headers, "host"), host);
    if (hasHeader(headers, "host")) {
        qsizetype original = -1;
        for (qsizetype i = 0; i < headers.size(); ++i)
            if (headers[i].first == "Host")
                original = i;
        QCOMPARE(stored->headers.at(original).first, QByteArray("Host"));
    }
}

void TestRequestReplayer::showsTheTargetsResponse()
{
    OutgoingRequest request;
    request.body = "{}";
    const ReplayResult result = replay(m_receiver->url(), request);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.status, 202);
    QCOMPARE(result.reason, QByteArray("Accepted"));
    QCOMPARE(result.body, QByteArray(R"({"accepted":true})"));
    const HeaderList dup = {{"X-App", "a"}, {"X-App", "b"}};
    HeaderList apps;
    for (const auto &h : result.headers)
        if (h.first == "X-App")
            apps.append(h);
    QCOMPARE(apps, dup);
    QVERIFY(result.latencyUs > 0);
    // Passed on as an answer of ours (a held hook answered with the app's answer).
    const QByteArray passedOn = result.asResponse().serialize(true);
    QVERIFY(passedOn.startsWith("HTTP/1.1 202 Accepted\r\n"));
    QVERIFY(passedOn.contains("X-App: a\r\nX-App: b\r\n"));
    QVERIFY(passedOn.endsWith("\r\n\r\n{\"accepted\":true}"));
}

void TestRequestReplayer::failuresGiveAClearError_data()
{
    QTest::addColumn<QByteArray>("answer"); // what the odd server answers; "refused" = nothing listens
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("connection refused") << QByteArray("refused") << QStringLiteral("connection refused by 127.0.0.1:");
    QTest::newRow("silent server times out") << QByteArray() << QStringLiteral("no complete answer from 127.0.0.1:");
    QTest::newRow("garbage answer") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << QStringLiteral("malformed HTTP response");
    QTest::newRow("closed in the middle of the body")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort") << QStringLiteral("closed in the middle of the response");
}

void TestRequestReplayer::failuresGiveAClearError()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, expectedError);
    quint16 port = 0;
    std::unique_ptr<OddServer> server;
    if (answer == "refused") {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } else {
        server = std::make_unique<OddServer>(answer);
        port = server->port();
    }
    OutgoingRequest request;
    request.body = "{}";
    const ReplayResult result = replay(QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(port)), request, 400);
    QVERIFY(!result.ok());
    QCOMPARE(result.status, 0);
    QVERIFY2(result.error.contains(expectedError), qPrintable(result.error));
    QVERIFY(result.latencyUs >= 0);
}

void TestRequestReplayer::invalidUrlIsRefusedWithoutSending()
{
    OutgoingRequest request;
    const ReplayResult result = replay(QUrl(QStringLiteral("ftp://localhost/x")), request);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(QStringLiteral("not an http")), qPrintable(result.error));
    QVERIFY(!RequestReplayer::checkUrl(QUrl(QStringLiteral("http://localhost:3000/webhooks"))).size());
    QVERIFY(RequestReplayer::checkUrl(QUrl(QStringLiteral("localhost"))).size());
}

QTEST_GUILESS_MAIN(TestRequestReplayer)
#include "tst_requestreplayer.moc"
