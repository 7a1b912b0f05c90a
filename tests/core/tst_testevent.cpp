// The pieces of `hookscope send` without sockets: --set overrides, the variants --invalid makes
// from a schema (each breaking exactly one rule), and what is printed of an app's answer.
#include "relay/TestEvent.h"
#include "schema/CompiledSchema.h"
#include "schema/InvalidVariants.h"
#include "schema/Validator.h"
#include "util/SafeText.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace hookscope;

class TestTestEvent final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void overrideApplied_data();
    void overrideApplied();
    void overrideRefused_data();
    void overrideRefused();
    void variantsBreakExactlyOneRuleEach();
    void variantsNeedAValidBody();
    void hostileSchemaStaysBounded();
    void answerTextMadeSafe_data();
    void answerTextMadeSafe();
};

void TestTestEvent::overrideApplied_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<QByteArray>("expected"); // compact

    const QByteArray body = R"({"b":1,"a":{"x":[1,2]},"s":"t"})";
    QTest::newRow("a number, member order kept") << body << QStringList{"/b=7"} << QByteArray(R"({"b":7,"a":{"x":[1,2]},"s":"t"})");
    QTest::newRow("text that is not JSON is a string") << body << QStringList{"/s=hello world"} << QByteArray(R"({"b":1,"a":{"x":[1,2]},"s":"hello world"})");
    QTest::newRow("a quoted JSON string") << body << QStringList{"/s=\"12\""} << QByteArray(R"({"b":1,"a":{"x":[1,2]},"s":"12"})");
    QTest::newRow("an empty value is the empty string") << body << QStringList{"/s="} << QByteArray(R"({"b":1,"a":{"x":[1,2]},"s":""})");
    QTest::newRow("null, an object, a new member at the end")
        << body << QStringList{"/b=null", "/new={\"k\":true}"} << QByteArray(R"({"b":null,"a":{"x":[1,2]},"s":"t","new":{"k":true}})");
    QTest::newRow("an array item and an append") << body << QStringList{"/a/x/0=9", "/a/x/-=3"} << QByteArray(R"({"b":1,"a":{"x":[9,2,3]},"s":"t"})");
    QTest::newRow("a member named with / and ~") << body << QStringList{"/a~1b~0c=1"} << QByteArray(R"({"b":1,"a":{"x":[1,2]},"s":"t","a/b~c":1})");
    QTest::newRow("applied in order") << body << QStringList{"/b=1", "/b=2"} << QByteArray(R"({"b":2,"a":{"x":[1,2]},"s":"t"})");
}

void TestTestEvent::overrideApplied()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, sets);
    QFETCH(QByteArray, expected);
    QList<BodyOverride> overrides;
    QString error;
    for (const QString &text : std::as_const(sets)) {
        const std::optional<BodyOverride> o = TestEvent::parseOverride(text, &error);
        QVERIFY2(o, qPrintable(error));
        overrides.append(*o);
    }
    QVERIFY2(TestEvent::applyOverrides(&body, overrides, &error), qPrintable(error));
    // Compact, in the order the members now have (nlohmann's ordered form keeps it).
    QCOMPARE(QByteArray::fromStdString(nlohmann::ordered_json::parse(body.toStdString()).dump()), expected);
}

void TestTestEvent::overrideRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("set");
    QTest::addColumn<QString>("error");
    const QByteArray body = R"({"a":[1],"s":"t"})";
    QTest::newRow("index beyond the array") << body << "/a/5=1" << "index 5 is beyond the array's 1 items";
    QTest::newRow("through a scalar") << body << "/s/x=1" << "/s is a string, not an object or array";
    QTest::newRow("a missing parent") << body << "/m/x=1" << "there is no /m in the body";
    QTest::newRow("a body that is not JSON") << QByteArray("not json") << "/a=1" << "the body is not JSON";
}

void TestTestEvent::overrideRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, set);
    QFETCH(QString, error);
    QString why;
    const std::optional<BodyOverride> o = TestEvent::parseOverride(set, &why);
    QVERIFY(o);
    const QByteArray before = body;
    QVERIFY(!TestEvent::applyOverrides(&body, {*o}, &why));
    QVERIFY2(why.contains(error), qPrintable(why));
    QCOMPARE(body, before); // nothing half applied
}

namespace {
const QByteArray kSchema = R"({
  "type": "object",
  "required": ["id", "when", "count"],
  "definitions": {"stamp": {"type": "string", "format": "date-time"}},
  "properties": {
    "id": {"type": "string", "minLength": 2, "maxLength": 8, "pattern": "^[a-z]+$"},
    "when": {"$ref": "#/definitions/stamp"},
    "count": {"type": "integer", "minimum": 0, "exclusiveMaximum": 10},
    "state": {"enum": ["open", "closed"]},
    "kind": {"const": "order"},
    "items": {"type": "array", "items": {"type": "object", "required": ["n"], "properties": {"n": {"type": "number"}}}}
  }
})";
const QByteArray kBody = R"({"id":"abc","when":"2026-12-07T10:00:00Z","count":3,"state":"open","kind":"order","items":[{"n":1}]})";
} // namespace

void TestTestEvent::variantsBreakExactlyOneRuleEach()
{
    QString error;
    const auto schema = CompiledSchema::compile(kSchema, &error);
    QVERIFY2(schema, qPrintable(error));
    const QList<InvalidVariant> variants = InvalidVariants::generate(kSchema, schema, kBody, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList made;
    const Validator validator(schema);
    for (const InvalidVariant &v : variants) {
        made.append(v.constraint);
        const Violations found = validator.validate(v.body);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first(), v.violation);
    }
    QCOMPARE(made, (QStringList{"missing required", "wrong type", "too long", "too short", "above maximum", "below minimum",
                                "bad date-time", "not in enum", "not the constant", "pattern mismatch"}));
    // The keyword each one broke.
    QStringList keywords;
    for (const InvalidVariant &v : variants)
        keywords.append(v.violation.keyword);
    QCOMPARE(keywords, (QStringList{"required", "type", "maxLength", "minLength", "exclusiveMaximum", "minimum", "format",
                                    "enum", "const", "pattern"}));
}

void TestTestEvent::variantsNeedAValidBody()
{
    QString error;
    const auto schema = CompiledSchema::compile(kSchema, &error);
    QVERIFY(schema);
    QVERIFY(InvalidVariants::generate(kSchema, schema, R"({"id":"abc"})", &error).isEmpty());
    QVERIFY2(error.contains("already breaks its schema"), qPrintable(error));
    QVERIFY(InvalidVariants::generate(kSchema, schema, "{", &error).isEmpty());
    QVERIFY2(error.contains("not JSON"), qPrintable(error));
}

void TestTestEvent::hostileSchemaStaysBounded()
{
    // A recursive schema (a legal one: each step descends into the value) and a body nested far
    // deeper than the walk goes: the walk stops at kMaxDepth, the variants it found are still exact.
    const QByteArray schemaText = R"({"definitions":{"a":{"type":"object","required":["x"],
        "properties":{"x":{"anyOf":[{"$ref":"#/definitions/a"},{"type":"integer","maximum":1}]}}}},"$ref":"#/definitions/a"})";
    QString error;
    const auto schema = CompiledSchema::compile(schemaText, &error);
    QVERIFY2(schema, qPrintable(error));
    QByteArray body = "{\"x\":0}";
    for (int i = 0; i < 300; ++i)
        body = "{\"x\":" + body + "}";
    const QList<InvalidVariant> variants = InvalidVariants::generate(schemaText, schema, body, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(variants.size(), 1); // the missing "x" at the top; anyOf hides the rest from a one-rule variant
    QCOMPARE(variants.first().constraint, QStringLiteral("missing required"));
}

void TestTestEvent::answerTextMadeSafe_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("lines");
    QTest::addColumn<QString>("oneLine");
    QTest::newRow("plain text kept") << QByteArray("{\"ok\":true}\n") << "{\"ok\":true}\n" << "{\"ok\":true}\\n";
    QTest::newRow("an OSC window title and CSI clear") << QByteArray("\x1b]0;x\x07\x1b[2J") << "\\x1b]0;x\\x07\\x1b[2J" << "\\x1b]0;x\\x07\\x1b[2J";
    QTest::newRow("a carriage return that would overwrite the line") << QByteArray("ok\rno") << "ok\\rno" << "ok\\rno";
    QTest::newRow("C1 CSI and DEL") << QByteArray("\xc2\x9b" "2J\x7f") << "\\x9b2J\\x7f" << "\\x9b2J\\x7f";
    QTest::newRow("a right-to-left override") << QByteArray("a\xe2\x80\xae" "b") << "a\\u202eb" << "a\\u202eb";
    QTest::newRow("bytes that are not UTF-8") << QByteArray("a\xff" "b") << "a\xef\xbf\xbd" "b" << "a\xef\xbf\xbd" "b";
    QTest::newRow("tabs stay in lines") << QByteArray("a\tb") << "a\tb" << "a\\tb";
}

void TestTestEvent::answerTextMadeSafe()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, lines);
    QFETCH(QString, oneLine);
    QCOMPARE(SafeText::forTerminal(answer), lines);
    QCOMPARE(SafeText::oneLine(answer), oneLine);
    QCOMPARE(SafeText::forTerminal("abcdef", 3), QStringLiteral("abc…"));
}

QTEST_APPLESS_MAIN(TestTestEvent)
#include "tst_testevent.moc"
