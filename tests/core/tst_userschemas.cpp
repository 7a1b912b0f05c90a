// What a user's schema in the kinds folder may hold (issue 19, point 6): schemas no validator can
// run are refused at load with the file and the JSON pointer, never a crash; draft-07 details the
// engine got wrong (integral floats, multipleOf with decimals, leap seconds, NUL bytes after a
// value, empty bodies declared JSON) are decided as the specifications say.
#include "enrich/DefaultInspector.h"
#include "event/EventInfo.h"
#include "schema/CompiledSchema.h"
#include "schema/EventInspector.h"
#include "schema/JsonText.h"
#include "schema/KindCatalog.h"
#include "schema/Rfc3339.h"
#include "schema/SchemaRegistry.h"
#include "schema/Validator.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

const QByteArray kCycle
    = R"({"$ref":"#/definitions/a","definitions":{"a":{"$ref":"#/definitions/b"},"b":{"$ref":"#/definitions/a"}}})";

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

std::shared_ptr<const CompiledSchema> compile(const QByteArray &schema)
{
    QString error;
    auto compiled = CompiledSchema::compile(schema, &error);
    if (!compiled)
        qWarning().noquote() << "schema refused:" << error;
    return compiled;
}

QString messages(const Violations &violations)
{
    QStringList out;
    for (const Violation &v : violations)
        out.append(v.pointer + u' ' + v.message);
    return out.join(QStringLiteral("; "));
}

struct Run {
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
};

} // namespace

class TestUserSchemas final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void refusedAtLoad_data();
    void refusedAtLoad();
    void acceptedAndDecided_data();
    void acceptedAndDecided();
    void multipleOfMessageNamesTheDivisor();
    void leapSeconds_data();
    void leapSeconds();
    void jsonStrictness_data();
    void jsonStrictness();
    void receiverAndValidateAgree_data();
    void receiverAndValidateAgree();

    void cycleInKindsFolderIsReportedBySchemasCommand();
    void cycleInKindsFolderLeavesHeadlessRunning();

private:
    [[nodiscard]] QString kindsFolderWithCycle();
    [[nodiscard]] QProcessEnvironment environment() const;
    [[nodiscard]] Run run(const QStringList &args);

    QTemporaryDir m_dir;
};

void TestUserSchemas::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestUserSchemas::refusedAtLoad_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QString>("error"); // a regular expression the message must match

    QTest::newRow("$ref cycle a -> b -> a") << kCycle
                                            << QStringLiteral(R"(^/definitions/[ab]/\$ref: reference cycle )"
                                                              R"(/definitions/[ab] → /definitions/[ab] → )");
    QTest::newRow("$ref to the schema itself") << QByteArray(R"({"$ref":"#"})")
                                               << QStringLiteral(R"(^/\$ref: reference cycle # → #)");
    QTest::newRow("cycle through allOf and not")
        << QByteArray(R"({"definitions":{"a":{"allOf":[{"not":{"$ref":"#/definitions/a"}}]}},"properties":{"x":{"$ref":"#/definitions/a"}}})")
        << QStringLiteral(R"(^/definitions/a/allOf/0/not/\$ref: reference cycle /definitions/a → )");
    QTest::newRow("cycle that is never used") << QByteArray(R"({"definitions":{"a":{"anyOf":[{"$ref":"#/definitions/a"}]}}})")
                                              << QStringLiteral("reference cycle /definitions/a");
    QTest::newRow("reference to nothing") << QByteArray(R"({"properties":{"a":{"$ref":"#/definitions/missing"}}})")
                                          << QStringLiteral(R"(^/properties/a/\$ref: "#/definitions/missing" points to nothing in the schema$)");
    QTest::newRow("empty-token pointer with no such member")
        << QByteArray("{\"allOf\":[{\"$ref\":\"#/definitions/" "/definitions/\"}]}")
        << QStringLiteral("^/allOf/0/\\$ref: \"#/definitions/" "/definitions/\" points to nothing");
    QTest::newRow("pointer with a bad escape") << QByteArray(R"({"allOf":[{"$ref":"#/a~2b"}],"a~b":{}})")
                                               << QStringLiteral(R"(^/allOf/0/\$ref: "#/a~2b" is not a valid JSON pointer)");
    QTest::newRow("unknown location-independent identifier") << QByteArray(R"({"allOf":[{"$ref":"#nope"}]})")
                                                             << QStringLiteral(R"(no subschema has the "\$id" "#nope")");
    QTest::newRow("remote reference") << QByteArray("{\"properties\":{\"a\":{\"$ref\":\"https:/" "/example.com/a.json\"}}}")
                                      << QStringLiteral(R"(^/properties/a/\$ref: .*outside the schema)");
    QTest::newRow("negative maxItems") << QByteArray(R"({"properties":{"a":{"maxItems":-1}}})")
                                       << QStringLiteral("^/properties/a/maxItems: expected a non-negative integer$");
    QTest::newRow("fractional minProperties") << QByteArray(R"({"minProperties":1.5})")
                                              << QStringLiteral("^/minProperties: expected a non-negative integer$");
    QTest::newRow("multipleOf 0") << QByteArray(R"({"multipleOf":0})")
                                  << QStringLiteral("^/multipleOf: must be a number greater than 0$");
    QTest::newRow("uniqueItems that is no boolean (valijson's refusal, placed)")
        << QByteArray(R"({"properties":{"a":{"uniqueItems":"yes"}}})")
        << QStringLiteral("^/properties/a/uniqueItems: not a draft-07 schema: 'uniqueItems' must be a boolean");
    QTest::newRow("required that is no array (valijson's refusal, placed)")
        << QByteArray(R"({"required":"a"})") << QStringLiteral("^/required: not a draft-07 schema: ");
    QTest::newRow("number beyond double range") << QByteArray(R"({"maximum":1e400})")
                                                << QStringLiteral("^\\(root\\): a number Hookscope cannot read");
    QByteArray chain = R"({"$ref":"#/definitions/a0","definitions":{)";
    for (int i = 0; i < 100; ++i)
        chain += QStringLiteral(R"("a%1":{"$ref":"#/definitions/a%2"},)").arg(i).arg(i + 1).toUtf8();
    QTest::newRow("100 $refs in a row") << chain + R"("a100":{"type":"integer"}}})"
                                        << QStringLiteral("^/definitions/a\\d+: more than 64 references");
    QByteArray nested = R"({"properties":{"a":{"$ref":"#/definitions/a0"}},"definitions":{)";
    for (int i = 0; i < 2100; ++i)
        nested += QStringLiteral(R"("a%1":{"properties":{"a":{"$ref":"#/definitions/a%2"}}},)").arg(i).arg(i + 1).toUtf8();
    QTest::newRow("2,100 levels through references") << nested + R"("a2100":{}}})"
                                                     << QStringLiteral("more than 2000 nested subschemas and references");
    QTest::newRow("NUL byte after the schema") << QByteArray("{}\0{", 4) << QStringLiteral("NUL byte");
    QTest::newRow("reserved slots keyword") << QByteArray(R"({"x-hookscope-slots":[]})")
                                            << QStringLiteral("reserved keyword x-hookscope-slots");
}

void TestUserSchemas::refusedAtLoad()
{
    QFETCH(QByteArray, schema);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!CompiledSchema::compile(schema, &message));
    QVERIFY2(QRegularExpression(error).match(message).hasMatch(), qPrintable(message));
}

void TestUserSchemas::acceptedAndDecided_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<bool>("valid");

    QTest::newRow("maxItems 2.0, two items") << QByteArray(R"({"maxItems":2.0})") << QByteArray("[1,2]") << true;
    QTest::newRow("maxItems 2.0, three items") << QByteArray(R"({"maxItems":2.0})") << QByteArray("[1,2,3]") << false;
    QTest::newRow("minItems 1.0, none") << QByteArray(R"({"minItems":1.0})") << QByteArray("[]") << false;
    QTest::newRow("maxProperties 1.0, two") << QByteArray(R"({"maxProperties":1.0})") << QByteArray(R"({"a":1,"b":2})")
                                            << false;
    QTest::newRow("minProperties 1.0, one") << QByteArray(R"({"minProperties":1.0})") << QByteArray(R"({"a":1})") << true;
    QTest::newRow("maxLength 2.0, three characters") << QByteArray(R"({"maxLength":2.0})") << QByteArray(R"("abc")")
                                                     << false;
    QTest::newRow("maxItems 1e30 is no limit") << QByteArray(R"({"maxItems":1e30})") << QByteArray("[1,2]") << true;
    QTest::newRow("minLength 2.0, two characters") << QByteArray(R"({"minLength":2.0})") << QByteArray(R"("ab")") << true;

    const QByteArray small = R"({"type":"integer","multipleOf":1e-8})";
    QTest::newRow("multipleOf 1e-8, large integer") << small << QByteArray("12391239123") << true;
    QTest::newRow("multipleOf 0.0001, 0.0075") << QByteArray(R"({"multipleOf":0.0001})") << QByteArray("0.0075") << true;
    QTest::newRow("multipleOf 0.0001, 0.00751") << QByteArray(R"({"multipleOf":0.0001})") << QByteArray("0.00751")
                                                << false;
    QTest::newRow("multipleOf 0.01, 1000000.0005") << QByteArray(R"({"multipleOf":0.01})")
                                                   << QByteArray("1000000.0005") << false;
    QTest::newRow("multipleOf 1, 1e-20") << QByteArray(R"({"multipleOf":1})") << QByteArray("1e-20") << false;
    QTest::newRow("multipleOf 2, 7") << QByteArray(R"({"multipleOf":2})") << QByteArray("7") << false;
    QTest::newRow("multipleOf 3, -9") << QByteArray(R"({"multipleOf":3})") << QByteArray("-9") << true;
    QTest::newRow("multipleOf 1.5, 4.5") << QByteArray(R"({"multipleOf":1.5})") << QByteArray("4.5") << true;
    QTest::newRow("multipleOf whose quotient overflows") << QByteArray(R"({"multipleOf":0.123456789})")
                                                         << QByteArray("1e308") << false;

    const QByteArray emptyTokens = R"({"definitions":{"":{"definitions":{"":{"type":"number"}}}},)"
                                   "\"allOf\":[{\"$ref\":\"#/definitions/" "/definitions/\"}]}";
    QTest::newRow("empty-token pointer resolves (RFC 6901), number") << emptyTokens << QByteArray("1") << true;
    QTest::newRow("empty-token pointer resolves (RFC 6901), string") << emptyTokens << QByteArray(R"("a")") << false;

    const QByteArray tree = R"({"type":"object","properties":{"value":{"type":"number"},)"
                            R"("children":{"type":"array","items":{"$ref":"#"}}},"required":["value"]})";
    QTest::newRow("keywords beside $ref are ignored, no cycle")
        << QByteArray(R"({"$ref":"#/definitions/n","allOf":[{"$ref":"#"}],"definitions":{"n":{"type":"number"}}})")
        << QByteArray("1") << true;
    QTest::newRow("$ref into an enum leaves the enum alone")
        << QByteArray(R"({"properties":{"a":{"$ref":"#/properties/b/enum/0"},"b":{"enum":[{"type":"string"}]}}})")
        << QByteArray(R"({"a":"x","b":{"type":"string"}})") << true;
    QTest::newRow("$ref into $defs (not a draft-07 keyword)")
        << QByteArray(R"({"$ref":"#/$defs/n","$defs":{"n":{"type":"number"}}})") << QByteArray(R"("x")") << false;
    QTest::newRow("recursion through items is no cycle")
        << tree << QByteArray(R"({"value":1,"children":[{"value":2,"children":[{"value":3}]}]})") << true;
    QTest::newRow("recursion through items, deep violation")
        << tree << QByteArray(R"({"value":1,"children":[{"value":2,"children":[{"value":"x"}]}]})") << false;
    QTest::newRow("$id scope in a subschema")
        << QByteArray("{\"$id\":\"http:/" "/example.com/a.json\",\"definitions\":{\"x\":{\"$id\":\"b/c.json\",\"definitions\":"
                      R"({"y":{"type":"number"}}}},"allOf":[{"$ref":"b/c.json#/definitions/y"}]})")
        << QByteArray(R"("no")") << false;
    QTest::newRow("location-independent identifier")
        << QByteArray(R"({"allOf":[{"$ref":"#foo"}],"definitions":{"A":{"$id":"#foo","type":"integer"}}})")
        << QByteArray("1.5") << false;
    QTest::newRow("draft-07 meta-schema is built in, valid schema")
        << QByteArray("{\"$ref\":\"http:/" "/json-schema.org/draft-07/schema#\"}") << QByteArray(R"({"minLength":1})")
        << true;
    QTest::newRow("draft-07 meta-schema is built in, invalid schema")
        << QByteArray("{\"$ref\":\"http:/" "/json-schema.org/draft-07/schema#\"}") << QByteArray(R"({"minLength":-1})")
        << false;
}

void TestUserSchemas::acceptedAndDecided()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, document);
    QFETCH(bool, valid);
    const auto compiled = compile(schema);
    QVERIFY(compiled);
    const Violations violations = Validator(compiled).validate(document);
    QVERIFY2(violations.isEmpty() == valid, qPrintable(messages(violations)));
}

void TestUserSchemas::multipleOfMessageNamesTheDivisor()
{
    const auto compiled = compile(R"({"properties":{"amount":{"multipleOf":1e-8}}})");
    QVERIFY(compiled);
    const Violations violations = Validator(compiled).validate(QByteArray(R"({"amount":0.000000015})"));
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().keyword, QStringLiteral("multipleOf"));
    QCOMPARE(violations.first().message, QStringLiteral("'amount' must be a multiple of 1e-08, got 1.5e-08"));
}

void TestUserSchemas::leapSeconds_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("dateTime"); // else a full-time
    QTest::addColumn<bool>("valid");

    QTest::newRow("23:59:60Z") << QByteArray("1998-12-31T23:59:60Z") << true << true;
    QTest::newRow("15:59:60.123-08:00 is 23:59:60 UTC") << QByteArray("1998-12-31T15:59:60.123-08:00") << true << true;
    QTest::newRow("00:59:60+01:00 is 23:59:60 UTC") << QByteArray("1999-01-01T00:59:60+01:00") << true << true;
    QTest::newRow("22:59:60Z, wrong hour") << QByteArray("1998-12-31T22:59:60Z") << true << false;
    QTest::newRow("23:58:60Z, wrong minute") << QByteArray("1998-12-31T23:58:60Z") << true << false;
    QTest::newRow("23:59:60+01:00 is 22:59:60 UTC") << QByteArray("1998-12-31T23:59:60+01:00") << true << false;
    QTest::newRow("12:30:60Z") << QByteArray("2024-06-30T12:30:60Z") << true << false;
    QTest::newRow("23:59:61Z") << QByteArray("1998-12-31T23:59:61Z") << true << false;
    QTest::newRow("time 23:59:60Z") << QByteArray("23:59:60Z") << false << true;
    QTest::newRow("time 01:29:60+01:30") << QByteArray("01:29:60+01:30") << false << true;
    QTest::newRow("time 23:29:60-00:30") << QByteArray("23:29:60-00:30") << false << true;
    QTest::newRow("time 23:59:60+00:30") << QByteArray("23:59:60+00:30") << false << false;
    QTest::newRow("time 00:29:60+00:30") << QByteArray("00:29:60+00:30") << false << true;
    QTest::newRow("time 12:00:60Z") << QByteArray("12:00:60Z") << false << false;
}

void TestUserSchemas::leapSeconds()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, dateTime);
    QFETCH(bool, valid);
    const std::string_view view(text.constData(), std::size_t(text.size()));
    QCOMPARE(dateTime ? Rfc3339::isDateTime(view) : Rfc3339::isTime(view), valid);
}

void TestUserSchemas::jsonStrictness_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status"); // ValidationOutcome::Status
    QTest::addColumn<qsizetype>("offset"); // of the parse error, -1 when none

    const int notJson = int(ValidationOutcome::Status::NotJson);
    const int unknown = int(ValidationOutcome::Status::Unknown);
    QTest::newRow("123 then NUL") << QByteArray("123\0", 4) << QByteArray("application/json") << notJson
                                  << qsizetype(3);
    QTest::newRow("object then NUL and garbage") << QByteArray("{}\0garbage", 10) << QByteArray() << notJson
                                                 << qsizetype(2);
    QTest::newRow("NUL inside a string") << QByteArray("\"a\0b\"", 5) << QByteArray() << notJson << qsizetype(2);
    QTest::newRow("empty body declared application/json") << QByteArray() << QByteArray("application/json") << notJson
                                                          << qsizetype(0);
    QTest::newRow("blank body declared application/json; charset=utf-8")
        << QByteArray(" \r\n") << QByteArray("Application/JSON; charset=utf-8") << notJson << qsizetype(0);
    QTest::newRow("empty body declared application/problem+json") << QByteArray()
                                                                   << QByteArray("application/problem+json") << notJson
                                                                   << qsizetype(0);
    QTest::newRow("empty body, no content type") << QByteArray() << QByteArray() << unknown << qsizetype(-1);
    QTest::newRow("empty body declared text/plain") << QByteArray() << QByteArray("text/plain") << unknown
                                                    << qsizetype(-1);
    QTest::newRow("123 is JSON of unknown kind") << QByteArray("123") << QByteArray("application/json") << unknown
                                                 << qsizetype(-1);
}

void TestUserSchemas::jsonStrictness()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(qsizetype, offset);
    SchemaRegistry registry; // built-in kinds only
    const ValidationOutcome outcome = EventInspector(registry.catalog()).inspect(body, "/hooks/x", contentType);
    QCOMPARE(int(outcome.status), status);
    QCOMPARE(outcome.parseErrorOffset, offset);
    if (body.contains('\0')) {
        QVERIFY(!JsonText::parse(body).ok);
        QVERIFY(outcome.parseError.contains(QLatin1String("NUL")));
        const auto anything = compile("{}");
        QVERIFY(anything);
        const Violations violations = Validator(anything).validate(body);
        QCOMPARE(violations.size(), 1);
        QVERIFY2(violations.first().message.startsWith(QLatin1String("not JSON")), qPrintable(messages(violations)));
    }
}

void TestUserSchemas::receiverAndValidateAgree_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error"); // what both say after "not JSON: "

    QTest::newRow("empty body") << QByteArray() << QStringLiteral("empty document at offset 0");
    QTest::newRow("123 then NUL") << QByteArray("123\0", 4)
                                  << QStringLiteral("a NUL byte, which JSON does not allow at offset 3");
}

// The enrichment's verdict on a body sent as application/json (what the window and headless
// store) and `hookscope validate` on the same bytes in a file.
void TestUserSchemas::receiverAndValidateAgree()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    SchemaRegistry registry;
    Event event;
    event.method = "POST";
    event.target = "/hooks/x";
    event.contentType = "application/json";
    event.body = body;
    const EventInfo info = inspectorFor(registry.catalog())(event);
    QCOMPARE(int(info.validity), int(EventInfo::Validity::NotJson));
    QCOMPARE(info.jsonError, error);

    const QString file = m_dir.filePath(QStringLiteral("body.json"));
    writeFile(file, body);
    const Run r = run({QStringLiteral("validate"), file});
    QCOMPARE(r.exitCode, 2); // unreadable or not JSON
    QVERIFY2(r.err.contains(QStringLiteral("%1: not JSON: %2\n").arg(file, error)), qPrintable(r.err));
}

QString TestUserSchemas::kindsFolderWithCycle()
{
    // QStandardPaths::AppConfigLocation of organisation "hookscope", application "hookscope".
    const QString kinds = m_dir.filePath(QStringLiteral("config/hookscope/hookscope/kinds"));
    if (!QDir().mkpath(kinds))
        qFatal("cannot create %s", qPrintable(kinds));
    writeFile(kinds + QStringLiteral("/loop.schema.json"), kCycle);
    return kinds;
}

QProcessEnvironment TestUserSchemas::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    return env;
}

Run TestUserSchemas::run(const QStringList &args)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(HOOKSCOPE_BINARY), args);
    if (!process.waitForStarted(10000) || !process.waitForFinished(60000))
        qFatal("hookscope did not run");
    return {process.exitCode(), process.exitStatus(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

void TestUserSchemas::cycleInKindsFolderIsReportedBySchemasCommand()
{
    const QString kinds = kindsFolderWithCycle();
    const QString file = kinds + QStringLiteral("/loop.schema.json");
    for (const QStringList &args : {QStringList{QStringLiteral("schemas")},
                                    QStringList{QStringLiteral("schemas"), QStringLiteral("--kinds-dir"), kinds}}) {
        const Run r = run(args);
        QCOMPARE(r.exitStatus, QProcess::NormalExit); // it segfaulted before
        QCOMPARE(r.exitCode, 1); // a user kind could not be loaded
        QVERIFY2(r.err.contains(file + QStringLiteral(": /definitions/")) && r.err.contains(QLatin1String("/$ref: reference cycle")),
                 qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("callback-request")), qPrintable(r.out)); // the others still load
    }
}

void TestUserSchemas::cycleInKindsFolderLeavesHeadlessRunning()
{
    const QString file = kindsFolderWithCycle() + QStringLiteral("/loop.schema.json");
    QProcess child;
    child.setProcessEnvironment(environment());
    child.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                                                   QStringLiteral("--db"), m_dir.filePath(QStringLiteral("headless.db"))});
    QVERIFY(child.waitForStarted(10000));
    QByteArray out;
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((out += child.readAllStandardOutput(), err += child.readAllStandardError(),
                              out.contains("Listening on http://127.0.0.1:") && err.contains("reference cycle")),
                             20000);
    QCOMPARE(child.state(), QProcess::Running);
    QVERIFY2(err.contains(file.toUtf8() + ": /definitions/"), err.constData());
    child.terminate();
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
}

QTEST_GUILESS_MAIN(TestUserSchemas)
#include "tst_userschemas.moc"
