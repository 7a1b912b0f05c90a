// Validation keywords beyond the vendor schemas: date-time and other formats, patterns, user
// schemas' keywords, inlined leaves against valijson, nesting limits, refused schemas, threads.
#include "ValidatorFixture.h"
#include "common/JsonPatch.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace hookscope;
using namespace hookscope::test;

class TestValidatorKeywords final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dateTimeFormat_data();
    void dateTimeFormat();
    void dateAndTimeFormats_data();
    void dateAndTimeFormats();
    void formatSkipsNonStrings();
    void otherFormatsAreAnnotations();
    void megabyteStringAgainstPatternDoesNotCrash();
    void patternMatchesAsUnanchoredSearch();
    void patternPropertiesUseTheMemberName();
    void userSchemaKeywords_data();
    void userSchemaKeywords();
    void inlinedSubtreesMatchValijson_data();
    void inlinedSubtreesMatchValijson();
    void deepNestingIsAViolation_data();
    void deepNestingIsAViolation();
    void notJsonIsOneViolation();
    void unusableSchemasAreRefused_data();
    void unusableSchemasAreRefused();
    void propertyNamedLikeAKeywordIsAProperty();
    void sharedSchemaValidatesFromManyThreads();
};

void TestValidatorKeywords::dateTimeFormat_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("UTC Z") << "2024-03-11T09:14:03Z" << true;
    QTest::newRow("milliseconds") << "2022-08-17T19:05:21.362Z" << true;
    QTest::newRow("nine fraction digits") << "2023-12-31T23:59:59.123456789Z" << true;
    QTest::newRow("one fraction digit") << "2023-12-31T23:59:59.1+01:00" << true;
    QTest::newRow("positive offset") << "2023-09-25T16:00:00+05:30" << true;
    QTest::newRow("negative offset") << "2023-09-25T16:00:00-03:00" << true;
    QTest::newRow("offset -00:00") << "2023-09-25T16:00:00-00:00" << true;
    QTest::newRow("lowercase t and z") << "2024-03-11t09:14:03z" << true;
    QTest::newRow("leap day in leap year") << "2024-02-29T00:00:00Z" << true;
    QTest::newRow("leap day in 2000") << "2000-02-29T00:00:00Z" << true;
    QTest::newRow("leap second") << "2016-12-31T23:59:60Z" << true;
    QTest::newRow("year 0000") << "0000-01-01T00:00:00Z" << true;
    QTest::newRow("leap day in common year") << "2023-02-29T00:00:00Z" << false;
    QTest::newRow("leap day in 1900") << "1900-02-29T00:00:00Z" << false;
    QTest::newRow("30 February") << "2024-02-30T10:00:00Z" << false;
    QTest::newRow("31 April") << "2024-04-31T10:00:00Z" << false;
    QTest::newRow("month 13") << "2024-13-01T00:00:00Z" << false;
    QTest::newRow("month 00") << "2024-00-10T00:00:00Z" << false;
    QTest::newRow("day 00") << "2024-01-00T00:00:00Z" << false;
    QTest::newRow("hour 24") << "2024-01-01T24:00:00Z" << false;
    QTest::newRow("minute 60") << "2024-01-01T23:60:00Z" << false;
    QTest::newRow("second 61") << "2024-01-01T23:59:61Z" << false;
    QTest::newRow("no offset") << "2024-03-11T09:14:03" << false;
    QTest::newRow("offset without colon") << "2019-08-24T19:02:02+0900" << false;
    QTest::newRow("offset hour 24") << "2019-08-24T19:02:02+24:00" << false;
    QTest::newRow("offset minute 60") << "2019-08-24T19:02:02+01:60" << false;
    QTest::newRow("space instead of T") << "2024-03-11 09:14:03Z" << false;
    QTest::newRow("date only") << "2024-03-11" << false;
    QTest::newRow("empty fraction") << "2024-03-11T09:14:03.Z" << false;
    QTest::newRow("no seconds") << "2024-03-11T09:14Z" << false;
    QTest::newRow("basic format") << "20240603T083000Z" << false;
    QTest::newRow("five digit year") << "12024-03-11T09:14:03Z" << false;
    QTest::newRow("trailing garbage") << "2024-03-11T09:14:03Zx" << false;
    QTest::newRow("unicode digit") << QStringLiteral("2024-03-11T09:14:0٣Z") << false;
    QTest::newRow("empty") << "" << false;
}

void TestValidatorKeywords::dateTimeFormat()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(Rfc3339::isDateTime(text.toStdString()), valid);

    // Same answer through a schema: a type-less format also leaves non-strings alone.
    static const auto schema = compileText(R"({"properties": {"at": {"format": "date-time"}}})");
    QJsonObject doc{{QStringLiteral("at"), text}};
    const Violations violations = Validator(schema).validate(QJsonDocument(doc).toJson());
    QCOMPARE(violations.isEmpty(), valid);
    if (!valid)
        QCOMPARE(violations.first().keyword, QStringLiteral("format"));
}

void TestValidatorKeywords::dateAndTimeFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("date") << "date" << "2024-02-29" << true;
    QTest::newRow("date 29 Feb 2023") << "date" << "2023-02-29" << false;
    QTest::newRow("date with time") << "date" << "2024-02-29T00:00:00Z" << false;
    QTest::newRow("time Z") << "time" << "23:59:60Z" << true;
    QTest::newRow("time offset fraction") << "time" << "08:30:00.5-03:00" << true;
    QTest::newRow("time without offset") << "time" << "08:30:00" << false;
    QTest::newRow("time hour 24") << "time" << "24:00:00Z" << false;
}

void TestValidatorKeywords::dateAndTimeFormats()
{
    QFETCH(QString, format);
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const QByteArray schemaText = QStringLiteral(R"({"type": "string", "format": "%1"})").arg(format).toUtf8();
    const auto schema = compileText(schemaText.constData());
    QVERIFY(schema);
    const Violations violations = Validator(schema).validate(toJson(QJsonValue(text)));
    QCOMPARE(violations.isEmpty(), valid);
}

void TestValidatorKeywords::formatSkipsNonStrings()
{
    // valijson 1.0 applies format to null (its bug); JSON Schema applies it to strings only.
    const auto schema = compileText(R"({"type": ["string", "null", "integer", "object"], "format": "date-time"})");
    QVERIFY(schema);
    for (const QByteArray &doc : {QByteArray("null"), QByteArray("12"), QByteArray(R"({"a": 1})")})
        QVERIFY2(Validator(schema).validate(doc).isEmpty(), doc.constData());
}

void TestValidatorKeywords::otherFormatsAreAnnotations()
{
    const auto schema = compileText(R"({"properties": {"mail": {"format": "email"}, "o": {"format": "uri"}}})");
    QVERIFY(schema);
    QVERIFY(Validator(schema).validate(R"({"mail": "not a mail", "o": {"x": [1]}})").isEmpty());
}

void TestValidatorKeywords::megabyteStringAgainstPatternDoesNotCrash()
{
    // libstdc++'s std::regex recurses per character and overflows the stack on such input
    // (valijson issue #191); PCRE2 does not.
    const auto schema = compileText(R"({"properties": {
        "plain": {"type": "string", "pattern": "^[a-z]+$"},
        "nested": {"type": "string", "pattern": "^((a|b)|(c|a))*$"}}})");
    QVERIFY(schema);
    const QByteArray huge(1024 * 1024, 'a');
    const QByteArray doc = "{\"plain\": \"" + huge + "\", \"nested\": \"" + huge + "\"}";
    const Violations violations = Validator(schema).validate(doc);
    // "plain" matches; "nested" exhausts the JIT stack and is reported as not checked, not as valid.
    for (const Violation &v : violations) {
        QCOMPARE(v.pointer, QStringLiteral("/nested"));
        QCOMPARE(v.keyword, QStringLiteral("pattern"));
        QVERIFY2(v.message.contains(QLatin1String("could not be checked")), qPrintable(v.message));
    }

    const QByteArray wrong = "{\"plain\": \"" + huge + "1\"}";
    const Violations bad = Validator(schema).validate(wrong);
    QCOMPARE(bad.size(), 1);
    QCOMPARE(bad.first().keyword, QStringLiteral("pattern"));
}

void TestValidatorKeywords::patternMatchesAsUnanchoredSearch()
{
    const auto schema = compileText(R"({"type": "string", "pattern": "[0-9]{3}"})");
    QVERIFY(schema);
    QVERIFY(Validator(schema).validate(R"("ab123cd")").isEmpty());
    const Violations violations = Validator(schema).validate(R"("ab12cd")");
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().message, QStringLiteral("the document does not match the pattern [0-9]{3}: \"ab12cd\""));
}

void TestValidatorKeywords::patternPropertiesUseTheMemberName()
{
    const auto schema = compileText(R"({
        "type": "object",
        "properties": {"id": {"type": "string"}, "x-count": {"minimum": 0}},
        "patternProperties": {"^x-": {"type": "integer"}, "^[0-9a-f]{8}$": {"type": "string"}},
        "additionalProperties": false})");
    QVERIFY(schema);
    QVERIFY(Validator(schema).validate(R"({"id": "a", "x-count": 3, "x-other": 1, "deadbeef": "v"})").isEmpty());

    const Violations violations =
        Validator(schema).validate(R"({"id": "a", "x-count": 1.5, "x-other": "s", "deadbeef": 1, "zzz": 0})");
    QCOMPARE(violations.size(), 4);
    QCOMPARE(violations.at(0), (Violation{QString(), QStringLiteral("property 'zzz' is not allowed here"),
                                          QStringLiteral("additionalProperties")}));
    QCOMPARE(violations.at(1).pointer, QStringLiteral("/deadbeef"));
    QCOMPARE(violations.at(2).pointer, QStringLiteral("/x-count")); // "properties" members get patternProperties too
    QCOMPARE(violations.at(3).pointer, QStringLiteral("/x-other"));

    // A one-megabyte member name is matched without crashing either.
    const QByteArray longName = "{\"" + QByteArray(1024 * 1024, 'x') + "\": 1}";
    const Violations named = Validator(schema).validate(longName);
    QCOMPARE(named.size(), 1);
    QCOMPARE(named.first().keyword, QStringLiteral("additionalProperties"));
}

void TestValidatorKeywords::userSchemaKeywords_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("message");

    QTest::newRow("minItems") << QByteArray(R"({"properties": {"t": {"minItems": 2}}})") << QByteArray(R"({"t": [1]})")
                              << "/t" << "minItems" << "'t' must have at least 2 items, got 1";
    QTest::newRow("maxItems") << QByteArray(R"({"maxItems": 1})") << QByteArray("[1, 2]") << ""
                              << "maxItems" << "the document must have at most 1 items, got 2";
    QTest::newRow("uniqueItems") << QByteArray(R"({"uniqueItems": true})") << QByteArray("[1, 2, 1]") << ""
                                 << "uniqueItems" << "the document must not repeat items: [0] and [2] are equal";
    QTest::newRow("exclusiveMinimum") << QByteArray(R"({"exclusiveMinimum": 0})") << QByteArray("0") << ""
                                      << "exclusiveMinimum" << "the document must be > 0, got 0";
    QTest::newRow("exclusiveMaximum decimal") << QByteArray(R"({"exclusiveMaximum": 2.5})") << QByteArray("2.5") << ""
                                              << "exclusiveMaximum" << "the document must be < 2.5, got 2.5";
    QTest::newRow("multipleOf") << QByteArray(R"({"multipleOf": 5})") << QByteArray("7") << "" << "multipleOf"
                                << "the document must be a multiple of 5, got 7";
    QTest::newRow("const object") << QByteArray(R"({"const": {"a": [1, 2.0]}})") << QByteArray(R"({"a": [1, 3]})")
                                  << "" << "const" << "the document must be {\"a\":[1,2.0]}, got an object";
    QTest::newRow("minProperties") << QByteArray(R"({"minProperties": 1})") << QByteArray("{}") << ""
                                   << "minProperties" << "the document must have at least 1 properties, got 0";
    QTest::newRow("dependencies") << QByteArray(R"({"dependencies": {"a": ["b"]}})") << QByteArray(R"({"a": 1})")
                                  << "" << "dependencies" << "missing property 'b', which another property present requires";
    QTest::newRow("not") << QByteArray(R"({"not": {"type": "string"}})") << QByteArray(R"("s")") << "" << "not"
                         << "the document must not match the schema under 'not'";
    QTest::newRow("anyOf") << QByteArray(R"({"anyOf": [{"type": "string"}, {"minimum": 3}]})") << QByteArray("1")
                           << "" << "anyOf" << "the document matches none of the alternatives in 'anyOf'";
    QTest::newRow("oneOf twice") << QByteArray(R"({"oneOf": [{"type": "integer"}, {"minimum": 0}]})")
                                 << QByteArray("1") << "" << "oneOf"
                                 << "the document matches more than one alternative in 'oneOf'";
    QTest::newRow("contains") << QByteArray(R"({"contains": {"const": 3}})") << QByteArray("[1, 2]") << ""
                              << "contains" << "the document has no item that matches 'contains'";
    QTest::newRow("false property") << QByteArray(R"({"properties": {"legacy": false}})")
                                    << QByteArray(R"({"legacy": 1})") << "" << "false"
                                    << "property 'legacy' is not allowed here";
    QTest::newRow("items false") << QByteArray(R"({"items": [{}], "additionalItems": false})")
                                 << QByteArray("[1, 2]") << "" << "false" << "item [1] is not allowed here";
    QTest::newRow("$ref outside definitions") << QByteArray(R"({"$ref": "#/x-types/when", "x-types": {"when": {"format": "date-time"}}})")
                                              << QByteArray(R"("yesterday")") << "" << "format"
                                              << "the document is not an RFC 3339 date-time: \"yesterday\"";
    QTest::newRow("integer accepts 1.0") << QByteArray(R"({"type": "integer", "maximum": 0})") << QByteArray("1.0")
                                         << "" << "maximum" << "the document must be ≤ 0, got 1";
    QTest::newRow("enum mixes types") << QByteArray(R"({"enum": [1, "one", null]})") << QByteArray("true") << ""
                                      << "enum" << "the document must be one of 1, \"one\", null, got true";
    QTest::newRow("if then else") << QByteArray(R"({"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"required": ["c"]}})")
                                  << QByteArray(R"({"x": 1})") << "" << "required" << "missing required property 'c'";
}

void TestValidatorKeywords::userSchemaKeywords()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, document);
    QFETCH(QString, pointer);
    QFETCH(QString, keyword);
    QFETCH(QString, message);
    const auto compiled = compileText(schema.constData());
    QVERIFY(compiled);
    const Violations violations = Validator(compiled).validate(document);
    QVERIFY2(violations.size() >= 1, "valid");
    QCOMPARE(violations.last().pointer, pointer);
    QCOMPARE(violations.last().keyword, keyword);
    QCOMPARE(violations.last().message, message);
    QCOMPARE(sorted(violations), sorted(Validator(compileText(schema.constData(), false)).validate(document)));
}

void TestValidatorKeywords::inlinedSubtreesMatchValijson_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<int>("count");
    const QByteArray nested = R"({"type": "object", "additionalProperties": false, "required": ["a", "list"],
        "properties": {"a": {"type": "object", "required": ["b"], "properties": {"b": {"type": "integer", "minimum": 1}}},
                       "list": {"type": "array", "items": {"$ref": "#/definitions/item"}}},
        "definitions": {"item": {"type": "object", "additionalProperties": false,
                                 "properties": {"n": {"type": "string", "maxLength": 2}}}}})";
    QTest::newRow("nested objects, valid") << nested << QByteArray(R"({"a": {"b": 2}, "list": [{"n": "x"}, {}]})") << 0;
    QTest::newRow("nested objects, errors at three depths")
        << nested << QByteArray(R"({"a": {"b": 0, "c": 1}, "list": [{"n": "xyz", "m": 1}, 3], "z": 1})") << 5;
    QTest::newRow("nested objects, missing everything") << nested << QByteArray(R"({"a": {}})") << 2;
    QTest::newRow("required without a property schema, closed")
        << QByteArray(R"({"required": ["x"], "additionalProperties": false, "properties": {"y": {}}})")
        << QByteArray(R"({"x": 1, "y": 2})") << 1;
    QTest::newRow("items false") << QByteArray(R"({"items": false})") << QByteArray("[1, 2]") << 2;
    QTest::newRow("property false") << QByteArray(R"({"properties": {"x": false, "y": true}})")
                                    << QByteArray(R"({"x": 1, "y": 2})") << 1;
    QTest::newRow("$ref into properties keeps the target")
        << QByteArray(R"({"properties": {"a": {"type": "string"}, "b": {"$ref": "#/properties/a"}}})")
        << QByteArray(R"({"a": 1, "b": 2})") << 2;
    QTest::newRow("leaf with annotations")
        << QByteArray(R"({"properties": {"a": {"title": "A", "description": "d", "default": 1, "type": "integer"}}})")
        << QByteArray(R"({"a": "1"})") << 1;
    QTest::newRow("member schema with allOf stays with valijson")
        << QByteArray(R"({"properties": {"a": {"allOf": [{"minimum": 2}]}, "b": {"type": "string"}}})")
        << QByteArray(R"({"a": 1, "b": 1})") << 2;
    QTest::newRow("recursive tree")
        << QByteArray(R"({"$ref": "#/definitions/node", "definitions": {"node": {"type": "object", "required": ["v"],
            "properties": {"v": {"type": "integer"}, "kids": {"type": "array", "items": {"$ref": "#/definitions/node"}}}}}})")
        << QByteArray(R"({"v": 1, "kids": [{"v": 2, "kids": [{"v": "3"}, {}]}]})") << 2;
}

void TestValidatorKeywords::inlinedSubtreesMatchValijson()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, document);
    QFETCH(int, count);
    const auto inlined = compileText(schema.constData(), true);
    const auto plain = compileText(schema.constData(), false);
    QVERIFY(inlined && plain);
    const Violations a = Validator(inlined).validate(document);
    const Violations b = Validator(plain).validate(document);
    QVERIFY2(a.size() == count, qPrintable(describe(a)));
    QCOMPARE(sorted(a), sorted(b));
}

void TestValidatorKeywords::deepNestingIsAViolation_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("tooDeep");
    QTest::newRow("512 levels are validated") << 512 << false;
    QTest::newRow("513 levels are refused") << 513 << true;
    QTest::newRow("100000 levels are refused without recursing") << 100000 << true;
}

void TestValidatorKeywords::deepNestingIsAViolation()
{
    QFETCH(int, depth);
    QFETCH(bool, tooDeep);
    // A recursive schema walks as deep as the document goes.
    const auto schema = compileText(R"({"$ref": "#/definitions/node",
        "definitions": {"node": {"type": ["array", "integer"], "items": {"$ref": "#/definitions/node"}}}})");
    QVERIFY(schema);
    const QByteArray doc = QByteArray(depth, '[') + '1' + QByteArray(depth, ']');
    const Violations violations = Validator(schema).validate(doc);
    if (!tooDeep) {
        QVERIFY2(violations.isEmpty(), qPrintable(describe(violations)));
        return;
    }
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().keyword, QStringLiteral("maxDepth"));
    QString expected;
    for (int i = 0; i < Validator::kMaxDepth; ++i)
        expected += QStringLiteral("/0");
    QCOMPARE(violations.first().pointer, expected);
}

void TestValidatorKeywords::notJsonIsOneViolation()
{
    const Violations violations = Validator(builtinSchema(QStringLiteral("jicoo"))).validate(R"({"event": "x)");
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().keyword, QStringLiteral("json"));
    QVERIFY2(violations.first().message.startsWith(QLatin1String("not JSON: ")), qPrintable(violations.first().message));
}

void TestValidatorKeywords::unusableSchemasAreRefused_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << QByteArray("{") << "not JSON";
    QTest::newRow("not a schema") << QByteArray("[]") << "object or boolean";
    QTest::newRow("invalid pattern") << QByteArray(R"({"properties": {"a": {"pattern": "(["}}})")
                                     << "/properties/a/pattern: invalid regular expression";
    QTest::newRow("unknown type") << QByteArray(R"({"type": "text"})") << "/type: unknown type";
    QTest::newRow("remote reference") << QByteArray(R"({"$ref": "https://example.com/s.json"})")
                                      << "outside the schema: Hookscope resolves references inside the schema file";
    QTest::newRow("dangling reference") << QByteArray(R"({"$ref": "#/definitions/none"})") << "points to nothing in the schema";
    QTest::newRow("negative maxLength") << QByteArray(R"({"maxLength": -1})") << "/maxLength";
    QTest::newRow("reserved keyword") << QByteArray(R"({"x-hookscope-leaf": 0})") << "reserved keyword";
    QTest::newRow("deep schema") << QByteArray(300, '[') << "not JSON";
    QTest::newRow("nested subschemas")
        << (QByteArray().append(QByteArray("{\"not\":").repeated(300)).append("{}").append(QByteArray(300, '}')))
        << "levels deep";
}

void TestValidatorKeywords::unusableSchemasAreRefused()
{
    QFETCH(QByteArray, schema);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!CompiledSchema::compile(schema, &actual));
    QVERIFY2(actual.contains(error), qPrintable(actual));
}

void TestValidatorKeywords::propertyNamedLikeAKeywordIsAProperty()
{
    const auto schema = compileText(R"({"properties": {"format": {"type": "string"}, "pattern": {"const": {"format": "date-time"}}},
                                        "required": ["format"]})");
    QVERIFY(schema);
    QVERIFY(Validator(schema).validate(R"({"format": "anything", "pattern": {"format": "date-time"}})").isEmpty());
    QCOMPARE(Validator(schema).validate(R"({"format": 1})").first().pointer, QStringLiteral("/format"));
}

void TestValidatorKeywords::sharedSchemaValidatesFromManyThreads()
{
    const auto schema = builtinSchema(QStringLiteral("callback-request"));
    const QByteArray good = readFile(kTestData + QStringLiteral("/callback-request/valid/seed-example.json"));
    QByteArray bad = good;
    bad.replace("\"Callback Request\"", "\"Other\"");
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const Violations v = Validator(schema).validate((i + t) % 2 ? good : bad);
                if (v.size() != ((i + t) % 2 ? 0 : 1))
                    ++wrong;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(wrong.load(), 0);
}

QTEST_APPLESS_MAIN(TestValidatorKeywords)
#include "tst_validatorkeywords.moc"
