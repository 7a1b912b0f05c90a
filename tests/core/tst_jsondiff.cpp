#include "diff/JsonDiff.h"

#include <QTest>

using namespace hookscope;

using Change = JsonDiff::Change;
using Kind = JsonDiff::Change::Kind;
Q_DECLARE_METATYPE(QList<JsonDiff::Change>)

namespace QTest {
template <>
char *toString(const Change &c)
{
    static const char *names[] = {"added", "removed", "changed"};
    return qstrdup(QStringLiteral("{%1 %2: %3 -> %4}")
                       .arg(QString::fromLatin1(names[int(c.kind)]), c.pointer, c.oldValue, c.newValue)
                       .toUtf8()
                       .constData());
}
} // namespace QTest

class tst_JsonDiff final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void compare_data();
    void compare();
    void notJsonIsReported();
    void valueTextIsCompactJson();
};

void tst_JsonDiff::compare_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QList<Change>>("expected");

    QTest::newRow("identical documents have no changes") << QByteArray(R"({"a": 1, "b": [1, {"c": null}]})")
                                                         << QByteArray(R"({"b": [1, {"c": null}], "a": 1})")
                                                         << QList<Change>{};
    QTest::newRow("changed scalar shows old and new") << QByteArray(R"({"status": "open"})")
                                                      << QByteArray(R"({"status": "closed"})")
                                                      << QList<Change>{{"/status", Kind::Changed, "\"open\"", "\"closed\""}};
    QTest::newRow("added key") << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 1, "b": true})")
                               << QList<Change>{{"/b", Kind::Added, {}, "true"}};
    QTest::newRow("removed key") << QByteArray(R"({"a": 1, "b": {"x": 1}})") << QByteArray(R"({"a": 1})")
                                 << QList<Change>{{"/b", Kind::Removed, "{\"x\":1}", {}}};
    QTest::newRow("nested change has the full pointer")
        << QByteArray(R"({"data": {"customer": {"name": "Ada"}}})")
        << QByteArray(R"({"data": {"customer": {"name": "Grace"}}})")
        << QList<Change>{{"/data/customer/name", Kind::Changed, "\"Ada\"", "\"Grace\""}};
    QTest::newRow("arrays compare by index, longer after adds")
        << QByteArray(R"({"l": [1, 2]})") << QByteArray(R"({"l": [1, 3, 4]})")
        << QList<Change>{{"/l/1", Kind::Changed, "2", "3"}, {"/l/2", Kind::Added, {}, "4"}};
    QTest::newRow("arrays compare by index, shorter after removes")
        << QByteArray(R"([{"a": 1}, {"a": 2}])") << QByteArray(R"([{"a": 1}])")
        << QList<Change>{{"/1", Kind::Removed, "{\"a\":2}", {}}};
    QTest::newRow("type change is a change, not remove plus add")
        << QByteArray(R"({"v": "1"})") << QByteArray(R"({"v": 1})")
        << QList<Change>{{"/v", Kind::Changed, "\"1\"", "1"}};
    QTest::newRow("object to array at the root") << QByteArray(R"({})") << QByteArray(R"([])")
                                                 << QList<Change>{{"", Kind::Changed, "{}", "[]"}};
    QTest::newRow("null to value") << QByteArray(R"({"n": null})") << QByteArray(R"({"n": {"k": 1}})")
                                   << QList<Change>{{"/n", Kind::Changed, "null", "{\"k\":1}"}};
    QTest::newRow("keys with slash and tilde are escaped")
        << QByteArray(R"({"a/b": 1, "m~n": 1})") << QByteArray(R"({"a/b": 2, "m~n": 2})")
        << QList<Change>{{"/a~1b", Kind::Changed, "1", "2"}, {"/m~0n", Kind::Changed, "1", "2"}};
    QTest::newRow("several changes in key order")
        << QByteArray(R"({"z": 1, "a": 1, "m": 1})") << QByteArray(R"({"a": 2, "m": 1, "b": 0})")
        << QList<Change>{{"/a", Kind::Changed, "1", "2"}, {"/b", Kind::Added, {}, "0"}, {"/z", Kind::Removed, "1", {}}};
    QTest::newRow("scalar documents") << QByteArray("42") << QByteArray("43")
                                      << QList<Change>{{"", Kind::Changed, "42", "43"}};
    QTest::newRow("markup in values stays text") << QByteArray(R"({"n": "<b>x</b>"})") << QByteArray(R"({"n": "y"})")
                                                 << QList<Change>{{"/n", Kind::Changed, "\"<b>x</b>\"", "\"y\""}};
}

void tst_JsonDiff::compare()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QList<Change>, expected);
    QList<Change> changes;
    QString error;
    QVERIFY2(JsonDiff::compare(before, after, &changes, &error), qPrintable(error));
    QCOMPARE(changes, expected);
}

void tst_JsonDiff::notJsonIsReported()
{
    QList<Change> changes;
    QString error;
    QVERIFY(!JsonDiff::compare("{\"a\": 1}", "not json", &changes, &error));
    QVERIFY(error.startsWith(QStringLiteral("this body is not JSON")));
    QVERIFY(!JsonDiff::compare("", "{}", &changes, &error));
    QVERIFY(error.startsWith(QStringLiteral("the previous body is not JSON")));
    QVERIFY(!JsonDiff::compare("1], [2", "[1]", &changes, &error)); // no smuggling through the wrapper
}

void tst_JsonDiff::valueTextIsCompactJson()
{
    QCOMPARE(JsonDiff::valueText(QJsonValue(QStringLiteral("a\"b"))), QStringLiteral("\"a\\\"b\""));
    QCOMPARE(JsonDiff::valueText(QJsonValue(1.5)), QStringLiteral("1.5"));
    QCOMPARE(JsonDiff::valueText(QJsonValue(true)), QStringLiteral("true"));
    QCOMPARE(JsonDiff::valueText(QJsonValue::Null), QStringLiteral("null"));
}

QTEST_APPLESS_MAIN(tst_JsonDiff)
#include "tst_jsondiff.moc"
