#include "http/RequestParser.h"

#include <QTest>

using namespace hookscope;

namespace {

struct Fed
{
    std::vector<ParsedRequest> requests;
    bool failed = false;
    ParseFailure failure;
    bool continueAsked = false;
};

// Feeds `bytes` in pieces of at most `step` bytes, as TCP may deliver them.
Fed feedInSteps(const QByteArray &bytes, qsizetype step, ParserLimits limits = {})
{
    RequestParser parser(limits);
    Fed fed;
    for (qsizetype pos = 0; pos < bytes.size(); pos += step) {
        parser.feed(bytes.constData() + pos, qMin(step, bytes.size() - pos), 1000, 1);
        while (parser.hasRequest())
            fed.requests.push_back(parser.takeRequest());
        fed.continueAsked |= parser.takeContinueRequest();
        if (parser.hasFailed())
            break;
    }
    fed.failed = parser.hasFailed();
    fed.failure = parser.failure();
    return fed;
}

// Feeds `bytes` split once at `split`.
Fed feedSplit(const QByteArray &bytes, qsizetype split, ParserLimits limits = {})
{
    RequestParser parser(limits);
    Fed fed;
    for (const QByteArray &part : {bytes.left(split), bytes.mid(split)}) {
        parser.feed(part.constData(), part.size());
        while (parser.hasRequest())
            fed.requests.push_back(parser.takeRequest());
    }
    fed.failed = parser.hasFailed();
    fed.failure = parser.failure();
    return fed;
}

const QByteArray kPost = "POST /hooks/jicoo?x=1 HTTP/1.1\r\n"
                         "Host: localhost\r\n"
                         "Content-Type: application/json\r\n"
                         "X-Dup: a\r\n"
                         "X-Dup: b\r\n"
                         "Content-Length: 11\r\n"
                         "\r\n"
                         "{\"ok\":true}";

const QByteArray kChunked = "PUT /c HTTP/1.1\r\n"
                            "Host: x\r\n"
                            "Transfer-Encoding: chunked\r\n"
                            "\r\n"
                            "5\r\nhello\r\n"
                            "1;ext=1\r\n \r\n"
                            "5\r\nworld\r\n"
                            "0\r\n"
                            "Trailer: t\r\n"
                            "\r\n";

} // namespace

class TestRequestParser final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void completeRequestSplitAtEveryByte_data();
    void completeRequestSplitAtEveryByte();
    void pipelinedRequestsComeOutInOrder();
    void headersKeepOrderAndDuplicates();
    void keepAliveFollowsVersionAndConnectionHeader_data();
    void keepAliveFollowsVersionAndConnectionHeader();
    void failures_data();
    void failures();
    void trailerFieldsAreKeptApartFromTheHeaders();
    void feedUntilRequestStopsAfterEachRequest();
    void expectContinueIsReportedBeforeTheBody();
    void expectContinueWithoutBodyIsIgnored();
    void headLimitCountsTargetAndHeaders();
    void bodyLimitAppliesToChunkedBodies();
    void timeoutKnowsTheRequestLineOnceTargetArrived();
    void stampsTheRequestWithTheTimeItBegan();
};

void TestRequestParser::completeRequestSplitAtEveryByte_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("post with content-length") << kPost << QByteArray("POST") << QByteArray("/hooks/jicoo?x=1")
                                              << QByteArray("{\"ok\":true}");
    QTest::newRow("chunked body with extension and trailer")
        << kChunked << QByteArray("PUT") << QByteArray("/c") << QByteArray("hello world");
    QTest::newRow("get without body") << QByteArray("GET /?q=%20 HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray("GET")
                                      << QByteArray("/?q=%20") << QByteArray();
    QTest::newRow("any method: PATCH") << QByteArray("PATCH /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nab")
                                       << QByteArray("PATCH") << QByteArray("/x") << QByteArray("ab");
}

void TestRequestParser::completeRequestSplitAtEveryByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    for (qsizetype split = 0; split <= bytes.size(); ++split) {
        const Fed fed = feedSplit(bytes, split);
        QVERIFY2(!fed.failed, qPrintable(QStringLiteral("split at %1: %2").arg(split).arg(QString::fromUtf8(fed.failure.reason))));
        QCOMPARE(fed.requests.size(), size_t(1));
        QCOMPARE(fed.requests[0].method, method);
        QCOMPARE(fed.requests[0].target, target);
        QCOMPARE(fed.requests[0].body, body);
    }
    const Fed byteByByte = feedInSteps(bytes, 1);
    QCOMPARE(byteByByte.requests.size(), size_t(1));
    QCOMPARE(byteByByte.requests[0].body, body);
}

void TestRequestParser::pipelinedRequestsComeOutInOrder()
{
    const QByteArray three = kPost + kChunked + "DELETE /last HTTP/1.1\r\n\r\n";
    for (qsizetype step : {qsizetype(1), qsizetype(7), three.size()}) {
        const Fed fed = feedInSteps(three, step);
        QVERIFY(!fed.failed);
        QCOMPARE(fed.requests.size(), size_t(3));
        QCOMPARE(fed.requests[0].method, QByteArray("POST"));
        QCOMPARE(fed.requests[1].body, QByteArray("hello world"));
        QCOMPARE(fed.requests[2].target, QByteArray("/last"));
    }
}

void TestRequestParser::headersKeepOrderAndDuplicates()
{
    const Fed fed = feedInSteps(kPost, 3);
    QCOMPARE(fed.requests.size(), size_t(1));
    const HeaderList &h = fed.requests[0].headers;
    QCOMPARE(h.size(), 5);
    QCOMPARE(h[0].first, QByteArray("Host"));
    QCOMPARE(h[2], std::make_pair(QByteArray("X-Dup"), QByteArray("a")));
    QCOMPARE(h[3], std::make_pair(QByteArray("X-Dup"), QByteArray("b")));
    QCOMPARE(serializeHeaders(h), QByteArray("Host: localhost\r\nContent-Type: application/json\r\nX-Dup: a\r\n"
                                             "X-Dup: b\r\nContent-Length: 11\r\n"));
    QCOMPARE(parseHeaderBlock(serializeHeaders(h)), h);
}

void TestRequestParser::keepAliveFollowsVersionAndConnectionHeader_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<QByteArray>("version");
    QTest::newRow("1.1 default keeps alive") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true << QByteArray("1.1");
    QTest::newRow("1.1 connection close") << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << false
                                          << QByteArray("1.1");
    QTest::newRow("1.0 default closes") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false << QByteArray("1.0");
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true
                                    << QByteArray("1.0");
}

void TestRequestParser::keepAliveFollowsVersionAndConnectionHeader()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, keepAlive);
    QFETCH(QByteArray, version);
    const Fed fed = feedInSteps(bytes, bytes.size());
    QCOMPARE(fed.requests.size(), size_t(1));
    QCOMPARE(fed.requests[0].keepAlive, keepAlive);
    QCOMPARE(fed.requests[0].httpVersion(), version);
}

void TestRequestParser::failures_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("hasRequestLine");
    QTest::addColumn<QByteArray>("reasonContains");
    QTest::newRow("garbage instead of a request line") << QByteArray("\x16\x03\x01 hello\r\n\r\n") << 400 << false
                                                       << QByteArray("malformed HTTP");
    QTest::newRow("both content-length and chunked")
        << QByteArray("POST /both HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") << 400 << true
        << QByteArray("both Content-Length and Transfer-Encoding");
    QTest::newRow("both headers, transfer-encoding first")
        << QByteArray("POST /both HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n") << 400 << true
        << QByteArray("both Content-Length and Transfer-Encoding");
    QTest::newRow("bad chunk size") << QByteArray("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400
                                    << true << QByteArray("chunk size");
    QTest::newRow("invalid HTTP version") << QByteArray("GET /h HTTP/1.x\r\n\r\n") << 400 << true
                                          << QByteArray("invalid HTTP version");
    QTest::newRow("bare CR inside a header line") << QByteArray("GET /h HTTP/1.1\r\nA: b\rX\r\n\r\n") << 400 << true
                                                  << QByteArray("malformed HTTP");
    QTest::newRow("content-length over the body limit")
        << QByteArray("POST /big HTTP/1.1\r\nContent-Length: 2000\r\n\r\n") << 413 << true << QByteArray("2000 bytes");
    QTest::newRow("request head over the limit")
        << QByteArray("GET /h HTTP/1.1\r\nX-Long: " + QByteArray(600, 'a') + "\r\n\r\n") << 431 << true
        << QByteArray("512 bytes");
    QTest::newRow("invalid content-length") << QByteArray("POST /l HTTP/1.1\r\nContent-Length: 1x\r\n\r\n") << 400
                                            << true << QByteArray("content-length");
    // RFC 9112 §5.1: a proxy may read "Transfer-Encoding : chunked" as chunked, we as no
    // framing at all; the body would then be taken for the next request (smuggling).
    QTest::newRow("space between field name and colon")
        << QByteArray("POST /s HTTP/1.1\r\nTransfer-Encoding : chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n") << 400
        << true << QByteArray("whitespace in or after the field name 'Transfer-Encoding'");
    QTest::newRow("spaces between field name and colon")
        << QByteArray("POST /s HTTP/1.1\r\nContent-Length   : 5\r\n\r\nhello") << 400 << true
        << QByteArray("RFC 9112 section 5.1");
    QTest::newRow("tab between field name and colon")
        << QByteArray("GET /t HTTP/1.1\r\nHost\t: x\r\n\r\n") << 400 << true << QByteArray("malformed HTTP");
    QTest::newRow("space inside a field name") << QByteArray("GET /s HTTP/1.1\r\nX Y: z\r\n\r\n") << 400 << true
                                               << QByteArray("whitespace in or after the field name 'X'");
    QTest::newRow("space before the colon of a trailer field")
        << QByteArray("POST /t HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-Sum : 1\r\n\r\n")
        << 400 << true << QByteArray("'X-Sum'");
    QTest::newRow("HTTP/3.7") << QByteArray("POST /v HTTP/3.7\r\nContent-Length: 2\r\n\r\nab") << 505 << true
                              << QByteArray("HTTP Version Not Supported: HTTP/3.7");
    QTest::newRow("HTTP/2.0 in an HTTP/1 request line") << QByteArray("GET /v HTTP/2.0\r\n\r\n") << 505 << true
                                                        << QByteArray("HTTP/2.0");
    QTest::newRow("HTTP/1.2") << QByteArray("GET /v HTTP/1.2\r\n\r\n") << 505 << true << QByteArray("HTTP/1.2");
    QTest::newRow("HTTP/0.9 spelled out") << QByteArray("GET /v HTTP/0.9\r\n\r\n") << 505 << true
                                          << QByteArray("HTTP/0.9");
}

void TestRequestParser::failures()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(bool, hasRequestLine);
    QFETCH(QByteArray, reasonContains);
    const ParserLimits limits{512, 1000};
    const auto check = [&](const Fed &fed, const QString &how) {
        QVERIFY2(fed.failed, qPrintable(how));
        QVERIFY2(fed.requests.empty(), qPrintable(how));
        QCOMPARE(fed.failure.status, status);
        QCOMPARE(fed.failure.hasRequestLine, hasRequestLine);
        QVERIFY2(fed.failure.reason.contains(reasonContains), qPrintable(how + ": " + fed.failure.reason));
        QVERIFY(!fed.failure.reason.contains('\n'));
    };
    for (qsizetype step : {qsizetype(1), bytes.size()})
        check(feedInSteps(bytes, step, limits), QStringLiteral("in steps of %1").arg(step));
    for (qsizetype split = 0; split <= bytes.size(); ++split)
        check(feedSplit(bytes, split, limits), QStringLiteral("split at %1").arg(split));
}

void TestRequestParser::trailerFieldsAreKeptApartFromTheHeaders()
{
    const QByteArray bytes = "POST /t HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n"
                             "3\r\nabc\r\n0\r\nX-Sum: 900150983cd24fb0\r\nX-Late: 1\r\n\r\n"
                             "GET /next HTTP/1.1\r\nA: b\r\n\r\n";
    for (qsizetype split = 0; split <= bytes.size(); ++split) {
        const Fed fed = feedSplit(bytes, split);
        QVERIFY2(!fed.failed, qPrintable(QStringLiteral("split at %1: %2").arg(split).arg(QString::fromUtf8(fed.failure.reason))));
        QCOMPARE(fed.requests.size(), size_t(2));
        const ParsedRequest &r = fed.requests[0];
        QCOMPARE(r.body, QByteArray("abc"));
        QCOMPARE(r.headers, HeaderList({{"Transfer-Encoding", "chunked"}, {"Trailer", "X-Sum"}}));
        QCOMPARE(r.trailers, HeaderList({{"X-Sum", "900150983cd24fb0"}, {"X-Late", "1"}}));
        QCOMPARE(fed.requests[1].headers, HeaderList({{"A", "b"}}));
        QVERIFY(fed.requests[1].trailers.isEmpty());
    }
}

void TestRequestParser::feedUntilRequestStopsAfterEachRequest()
{
    const QByteArray three = kPost + kChunked + "GET /last HTTP/1.1\r\n\r\n";
    for (qsizetype split = 0; split <= three.size(); ++split) {
        RequestParser parser;
        std::vector<ParsedRequest> requests;
        for (const QByteArray &part : {three.left(split), three.mid(split)}) {
            qsizetype pos = 0;
            while (pos < part.size()) {
                const qsizetype taken = parser.feedUntilRequest(part.constData() + pos, part.size() - pos);
                QVERIFY(taken > 0 || parser.hasRequest());
                pos += taken;
                int completed = 0;
                while (parser.hasRequest()) {
                    requests.push_back(parser.takeRequest());
                    ++completed;
                }
                QVERIFY2(completed <= 1, qPrintable(QStringLiteral("split at %1").arg(split)));
                if (completed == 1 && pos < part.size())
                    QVERIFY(!parser.inMessage()); // stopped right after the request, not inside the next
            }
        }
        QVERIFY2(!parser.hasFailed(), parser.failure().reason.constData());
        QCOMPARE(requests.size(), size_t(3));
        QCOMPARE(requests[0].body, QByteArray("{\"ok\":true}"));
        QCOMPARE(requests[1].body, QByteArray("hello world"));
        QCOMPARE(requests[2].target, QByteArray("/last"));
    }
}

void TestRequestParser::expectContinueIsReportedBeforeTheBody()
{
    RequestParser parser;
    const QByteArray head = "POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n";
    parser.feed(head.constData(), head.size());
    QVERIFY(parser.takeContinueRequest());
    QVERIFY(!parser.takeContinueRequest());
    QVERIFY(parser.inMessage());
    parser.feed("abc", 3);
    QVERIFY(parser.hasRequest());
    QCOMPARE(parser.takeRequest().body, QByteArray("abc"));
}

void TestRequestParser::expectContinueWithoutBodyIsIgnored()
{
    RequestParser parser;
    const QByteArray head = "POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n";
    parser.feed(head.constData(), head.size());
    QVERIFY(!parser.takeContinueRequest());
    QVERIFY(parser.hasRequest());
}

void TestRequestParser::headLimitCountsTargetAndHeaders()
{
    const ParserLimits limits{100, 1000};
    QVERIFY(!feedInSteps("GET /" + QByteArray(60, 'p') + " HTTP/1.1\r\nA: b\r\n\r\n", 5, limits).failed);
    const Fed longTarget = feedInSteps("GET /" + QByteArray(200, 'p') + " HTTP/1.1\r\n\r\n", 5, limits);
    QVERIFY(longTarget.failed);
    QCOMPARE(longTarget.failure.status, 431);
}

void TestRequestParser::bodyLimitAppliesToChunkedBodies()
{
    const ParserLimits limits{1000, 8};
    QVERIFY(!feedInSteps("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n0\r\n\r\n", 4, limits).failed);
    const Fed fed = feedInSteps("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n1\r\n9\r\n0\r\n\r\n", 4,
                                limits);
    QVERIFY(fed.failed);
    QCOMPARE(fed.failure.status, 413);
    QCOMPARE(fed.failure.partial.target, QByteArray("/c"));
}

void TestRequestParser::timeoutKnowsTheRequestLineOnceTargetArrived()
{
    RequestParser idle;
    QCOMPARE(idle.timeoutFailure(30000).status, 408);
    QVERIFY(!idle.timeoutFailure(30000).hasRequestLine);

    RequestParser midBody;
    const QByteArray head = "POST /slow HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc";
    midBody.feed(head.constData(), head.size());
    const ParseFailure f = midBody.timeoutFailure(30000);
    QVERIFY(f.hasRequestLine);
    QCOMPARE(f.partial.method, QByteArray("POST"));
    QCOMPARE(f.partial.target, QByteArray("/slow"));
    QVERIFY(f.reason.contains("30 s"));
}

void TestRequestParser::stampsTheRequestWithTheTimeItBegan()
{
    RequestParser parser;
    parser.feed("GET / HT", 8, 111, 5);
    parser.feed("TP/1.1\r\n\r\n", 10, 222, 9);
    QVERIFY(parser.hasRequest());
    const ParsedRequest r = parser.takeRequest();
    QCOMPARE(r.firstByteAtMs, qint64(111));
    QCOMPARE(r.firstByteMonoNs, qint64(5));
}

QTEST_APPLESS_MAIN(TestRequestParser)
#include "tst_requestparser.moc"
