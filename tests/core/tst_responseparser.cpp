#include "relay/ResponseParser.h"

#include <QTest>

using namespace hookscope;

class TestResponseParser final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesWhateverTheSplit_data();
    void parsesWhateverTheSplit();
    void headResponseHasNoBody();
    void malformedResponseFailsWithPosition();
    void endOfStreamBeforeAnyByteFails();
};

void TestResponseParser::parsesWhateverTheSplit_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("closeAtEnd");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("content length")
        << QByteArray("HTTP/1.1 201 Created\r\nX-A: 1\r\nX-A: 2\r\nContent-Length: 5\r\n\r\nhello") << false << 201
        << QByteArray("hello");
    QTest::newRow("chunked")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n") << false
        << 200 << QByteArray("abcde");
    QTest::newRow("interim 100 Continue is skipped")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 409 Conflict\r\nContent-Length: 2\r\n\r\nno") << false << 409
        << QByteArray("no");
    QTest::newRow("body until the connection closes")
        << QByteArray("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nto the end") << true << 200 << QByteArray("to the end");
    QTest::newRow("no content") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false << 204 << QByteArray();
}

void TestResponseParser::parsesWhateverTheSplit()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, closeAtEnd);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    for (qsizetype split = 1; split < wire.size(); ++split) {
        ResponseParser parser;
        parser.feed(wire.constData(), split);
        parser.feed(wire.constData() + split, wire.size() - split);
        if (closeAtEnd)
            parser.finish();
        QVERIFY2(parser.isComplete(), qPrintable(QStringLiteral("split at %1: %2").arg(split).arg(parser.error())));
        QCOMPARE(parser.response().status, status);
        QCOMPARE(parser.response().body, body);
    }
}

void TestResponseParser::headResponseHasNoBody()
{
    ResponseParser parser;
    parser.setHeadRequest(true);
    const QByteArray wire("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
    parser.feed(wire.constData(), wire.size());
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.response().headers.size(), 1);
    QVERIFY(parser.response().body.isEmpty());
}

void TestResponseParser::malformedResponseFailsWithPosition()
{
    ResponseParser parser;
    const QByteArray wire("HTTP/1.1 abc OK\r\n\r\n");
    parser.feed(wire.constData(), wire.size());
    QVERIFY(!parser.isComplete());
    QVERIFY(parser.hasFailed());
    QVERIFY2(parser.error().contains(QStringLiteral("at byte")), qPrintable(parser.error()));
}

void TestResponseParser::endOfStreamBeforeAnyByteFails()
{
    ResponseParser parser;
    parser.finish();
    QVERIFY(parser.hasFailed());
    QCOMPARE(parser.error(), QStringLiteral("the connection closed without a response"));
}

QTEST_APPLESS_MAIN(TestResponseParser)
#include "tst_responseparser.moc"
