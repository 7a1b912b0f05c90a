#include "schema/JsonPointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hookscope;

class TestJsonPointer final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapeAndUnescapeRoundTrip_data();
    void escapeAndUnescapeRoundTrip();
    void badEscapesAreRefused_data();
    void badEscapesAreRefused();
    void tokensBuildPointers_data();
    void tokensBuildPointers();
    void resolvesRfc6901Examples_data();
    void resolvesRfc6901Examples();
    void unresolvablePointers_data();
    void unresolvablePointers();
    void arrayIndexRules_data();
    void arrayIndexRules();
};

void TestJsonPointer::escapeAndUnescapeRoundTrip_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("plain") << "color" << "color";
    QTest::newRow("slash") << "a/b" << "a~1b";
    QTest::newRow("tilde") << "m~n" << "m~0n";
    QTest::newRow("tilde then one is not a slash") << "~1" << "~01";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("non-ASCII") << "ご相談/内容" << "ご相談~1内容";
}

void TestJsonPointer::escapeAndUnescapeRoundTrip()
{
    QFETCH(QString, token);
    QFETCH(QString, escaped);
    QCOMPARE(JsonPointer::escape(token), escaped);
    QCOMPARE(JsonPointer::unescape(escaped), std::optional<QString>(token));
}

void TestJsonPointer::badEscapesAreRefused_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::newRow("tilde two") << "/a~2";
    QTest::newRow("trailing tilde") << "/a~";
    QTest::newRow("no leading slash") << "a/b";
    QTest::newRow("fragment form") << "#/a";
}

void TestJsonPointer::badEscapesAreRefused()
{
    QFETCH(QString, pointer);
    QVERIFY(!JsonPointer::isValid(pointer));
    QVERIFY(!JsonPointer::tokens(pointer));
    QVERIFY(!JsonPointer::resolve(QJsonObject{{QStringLiteral("a"), 1}}, pointer));
}

void TestJsonPointer::tokensBuildPointers_data()
{
    QTest::addColumn<QStringList>("tokens");
    QTest::addColumn<QString>("pointer");
    QTest::newRow("whole document") << QStringList() << "";
    QTest::newRow("empty member name") << QStringList{QString()} << "/";
    QTest::newRow("nested") << QStringList{"data", "participants", "0", "createdAt"} << "/data/participants/0/createdAt";
    QTest::newRow("escaped") << QStringList{"a/b", "c~d"} << "/a~1b/c~0d";
}

void TestJsonPointer::tokensBuildPointers()
{
    QFETCH(QStringList, tokens);
    QFETCH(QString, pointer);
    QCOMPARE(JsonPointer::fromTokens(tokens), pointer);
    QCOMPARE(JsonPointer::tokens(pointer), std::optional<QStringList>(tokens));
}

namespace {
// The example document of RFC 6901 section 5.
QJsonValue rfcDocument()
{
    return QJsonDocument::fromJson(R"({"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4,
        "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8})").object();
}
} // namespace

void TestJsonPointer::resolvesRfc6901Examples_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("whole document") << "" << rfcDocument();
    QTest::newRow("/foo") << "/foo" << QJsonValue(QJsonArray{QStringLiteral("bar"), QStringLiteral("baz")});
    QTest::newRow("/foo/0") << "/foo/0" << QJsonValue(QStringLiteral("bar"));
    QTest::newRow("/") << "/" << QJsonValue(0);
    QTest::newRow("/a~1b") << "/a~1b" << QJsonValue(1);
    QTest::newRow("/c%d") << "/c%d" << QJsonValue(2);
    QTest::newRow("/e^f") << "/e^f" << QJsonValue(3);
    QTest::newRow("/g|h") << "/g|h" << QJsonValue(4);
    QTest::newRow("/i\\j") << "/i\\j" << QJsonValue(5);
    QTest::newRow("/k\"l") << "/k\"l" << QJsonValue(6);
    QTest::newRow("/ ") << "/ " << QJsonValue(7);
    QTest::newRow("/m~0n") << "/m~0n" << QJsonValue(8);
}

void TestJsonPointer::resolvesRfc6901Examples()
{
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, expected);
    QCOMPARE(JsonPointer::resolve(rfcDocument(), pointer), std::optional<QJsonValue>(expected));
}

void TestJsonPointer::unresolvablePointers_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::newRow("missing member") << "/nope";
    QTest::newRow("index out of range") << "/foo/2";
    QTest::newRow("end-of-array marker") << "/foo/-";
    QTest::newRow("leading zero") << "/foo/01";
    QTest::newRow("negative index") << "/foo/-1";
    QTest::newRow("through a scalar") << "/foo/0/x";
    QTest::newRow("member of array") << "/foo/bar";
}

void TestJsonPointer::unresolvablePointers()
{
    QFETCH(QString, pointer);
    QVERIFY(JsonPointer::isValid(pointer));
    QVERIFY(!JsonPointer::resolve(rfcDocument(), pointer));
}

void TestJsonPointer::arrayIndexRules_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<qsizetype>("index");
    QTest::newRow("zero") << "0" << qsizetype(0);
    QTest::newRow("twelve") << "12" << qsizetype(12);
    QTest::newRow("leading zero") << "012" << qsizetype(-1);
    QTest::newRow("plus sign") << "+1" << qsizetype(-1);
    QTest::newRow("dash") << "-" << qsizetype(-1);
    QTest::newRow("empty") << "" << qsizetype(-1);
    QTest::newRow("huge") << "99999999999999999999" << qsizetype(-1);
}

void TestJsonPointer::arrayIndexRules()
{
    QFETCH(QString, token);
    QFETCH(qsizetype, index);
    QCOMPARE(JsonPointer::arrayIndex(token).value_or(-1), index);
}

QTEST_APPLESS_MAIN(TestJsonPointer)
#include "tst_jsonpointer.moc"
