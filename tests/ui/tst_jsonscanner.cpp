#include "JsonScanner.h"

#include <QTest>

using namespace hookscope;

class tst_JsonScanner final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data();
    void validate();
    void prettyPrintKeepsOrderAndTokens();
    void membersOfNestedContainers();
    void unescape();
};

void tst_JsonScanner::validate_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qsizetype>("offset");
    QTest::newRow("object") << QByteArray(R"({"a": [1, 2.5e3, -0, true, null, "x\"y"]})") << true << qsizetype(0);
    QTest::newRow("scalar at top level") << QByteArray(" 42 ") << true << qsizetype(0);
    QTest::newRow("empty containers") << QByteArray(R"({"a":{},"b":[]})") << true << qsizetype(0);
    QTest::newRow("missing brace") << QByteArray(R"({"a": 1)") << false << qsizetype(7);
    QTest::newRow("trailing comma") << QByteArray(R"([1, 2,])") << false << qsizetype(6);
    QTest::newRow("single quotes") << QByteArray("{'a': 1}") << false << qsizetype(1);
    QTest::newRow("leading zero") << QByteArray("[01]") << false << qsizetype(2);
    QTest::newRow("garbage after value") << QByteArray("{} x") << false << qsizetype(3);
    QTest::newRow("raw newline in string") << QByteArray("[\"a\nb\"]") << false << qsizetype(3);
    QTest::newRow("empty") << QByteArray("  ") << false << qsizetype(2);
    QTest::newRow("bad escape") << QByteArray(R"(["\x"])") << false << qsizetype(3);
}

void tst_JsonScanner::validate()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(qsizetype, offset);
    const JsonCheck check = JsonScanner::validate(json);
    QCOMPARE(check.ok, ok);
    if (!ok) {
        QCOMPARE(check.offset, offset);
        QVERIFY(!check.message.isEmpty());
    }
}

void tst_JsonScanner::prettyPrintKeepsOrderAndTokens()
{
    const QByteArray json = R"({"z":1.50,"a":[1e2,{}],"m":"a, {b}: [c]"})";
    QCOMPARE(JsonScanner::prettyPrint(json),
             QByteArray("{\n  \"z\": 1.50,\n  \"a\": [\n    1e2,\n    {}\n  ],\n  \"m\": \"a, {b}: [c]\"\n}"));
}

void tst_JsonScanner::membersOfNestedContainers()
{
    const QByteArray json = R"( {"a": {"x": [1, 2]}, "b": "},]", "c": [] } )";
    const JsonSpan root = JsonScanner::root(json);
    QCOMPARE(JsonScanner::typeOf(json, root), JsonType::Object);
    const QList<JsonMember> members = JsonScanner::members(json, root);
    QCOMPARE(members.size(), 3);
    QCOMPARE(JsonScanner::memberCount(json, root), 3);
    QCOMPARE(JsonScanner::unescape(json, members[1].key), QStringLiteral("b"));
    QCOMPARE(JsonScanner::unescape(json, members[1].value), QStringLiteral("},]"));
    QCOMPARE(JsonScanner::memberCount(json, members[0].value), 1);
    QCOMPARE(JsonScanner::memberCount(json, members[2].value), 0);
}

void tst_JsonScanner::unescape()
{
    const QByteArray json = R"("a\"b\\c\/d\n\u00e9\ud83d\ude00")";
    QCOMPARE(JsonScanner::unescape(json, {0, json.size()}), QStringLiteral("a\"b\\c/d\n\u00e9\U0001F600"));
}

QTEST_APPLESS_MAIN(tst_JsonScanner)
#include "tst_jsonscanner.moc"
