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
    void nextMembersResumeWhereTheyStopped_data();
    void nextMembersResumeWhereTheyStopped();
    void prettyPrintStopsSoonAfterTheLimit();
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

void tst_JsonScanner::nextMembersResumeWhereTheyStopped_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("batch");
    QTest::newRow("array in batches of 2") << QByteArray(R"([1, [2, 3], {"a": "]"}, "x,y", null])") << 2;
    QTest::newRow("object in batches of 1") << QByteArray(R"({"a": 1, "b,": [1, 2], "c": {"d": "}"}})") << 1;
    QTest::newRow("batch larger than the container") << QByteArray("[1, 2, 3]") << 10;
    QTest::newRow("empty array") << QByteArray("[ ]") << 3;
}

void tst_JsonScanner::nextMembersResumeWhereTheyStopped()
{
    QFETCH(QByteArray, json);
    QFETCH(int, batch);
    QVERIFY(JsonScanner::validate(json).ok);
    const JsonSpan root = JsonScanner::root(json);
    const QList<JsonMember> all = JsonScanner::members(json, root);
    QList<JsonMember> batched;
    qsizetype resume = 0;
    for (int calls = 0; calls < 100; ++calls) {
        const QList<JsonMember> next = JsonScanner::nextMembers(json, root, &resume, batch);
        QVERIFY(next.size() <= batch);
        if (next.isEmpty())
            break;
        batched += next;
    }
    QCOMPARE(batched.size(), all.size());
    QCOMPARE(int(all.size()), JsonScanner::memberCount(json, root));
    for (qsizetype i = 0; i < all.size(); ++i) {
        QCOMPARE(batched[i].key.begin, all[i].key.begin);
        QCOMPARE(batched[i].value.begin, all[i].value.begin);
        QCOMPARE(batched[i].value.end, all[i].value.end);
    }
}

void tst_JsonScanner::prettyPrintStopsSoonAfterTheLimit()
{
    QByteArray json = "[";
    for (int i = 0; i < 100'000; ++i)
        json += QByteArray::number(i) + ',';
    json.back() = ']';
    const QByteArray whole = JsonScanner::prettyPrint(json);
    const QByteArray cut = JsonScanner::prettyPrint(json, 1000);
    QVERIFY2(cut.size() > 1000 && cut.size() < 1100, qPrintable(QString::number(cut.size())));
    QVERIFY(whole.startsWith(cut));
    QCOMPARE(JsonScanner::prettyPrint(json, whole.size()), whole); // not cut: not longer than the limit
}

QTEST_APPLESS_MAIN(tst_JsonScanner)
#include "tst_jsonscanner.moc"
