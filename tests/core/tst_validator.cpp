// Validation of the built-in vendor schemas: valid samples, mutations reported at their pointer,
// message texts. Formats, patterns, user schemas and limits: tst_validatorkeywords.
#include "ValidatorFixture.h"
#include "common/JsonPatch.h"

#include <QTest>

#include <algorithm>

using namespace hookscope;
using namespace hookscope::test;

class TestValidator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyBuiltinSchemaCompiles();
    void validDocumentsHaveNoViolations_data();
    void validDocumentsHaveNoViolations();
    void mutationIsReportedAtItsPointer_data();
    void mutationIsReportedAtItsPointer();
    void messagesNamePropertyAndConstraint_data();
    void messagesNamePropertyAndConstraint();
    void parentChainCollapsesIntoOneLeaf();
    void everyForbiddenPropertyIsReported();
    void nullPassesNullableDateTimeButNotDateTime();
};

void TestValidator::everyBuiltinSchemaCompiles()
{
    for (const QString &kind : kKinds) {
        QString error;
        QVERIFY2(CompiledSchema::compile(readFile(kSchemas + u'/' + kind + QStringLiteral(".schema.json")), &error),
                 qPrintable(kind + QStringLiteral(": ") + error));
    }
}

void TestValidator::validDocumentsHaveNoViolations_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    for (const QString &kind : kKinds) {
        const QDir dir(kTestData + u'/' + kind + QStringLiteral("/valid"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(kind));
        for (const QString &file : files)
            QTest::addRow("%s/valid/%s", qPrintable(kind), qPrintable(file)) << kind << dir.filePath(file);
    }
    const QStringList samples = QDir(kSamples).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : samples) {
        QString kind;
        for (const QString &k : kKinds) {
            if ((file == k + QStringLiteral(".json") || file.startsWith(k + u'.')) && k.size() > kind.size())
                kind = k;
        }
        QTest::addRow("samples/%s", qPrintable(file)) << kind << kSamples + u'/' + file;
    }
    QTest::addRow("shared bench payload") << QStringLiteral("callback-request")
                                         << QStringLiteral(HOOKSCOPE_SHARED_DIR "/bench/payload-callback-create.json");
}

void TestValidator::validDocumentsHaveNoViolations()
{
    QFETCH(QString, kind);
    QFETCH(QString, path);
    if (!QFile::exists(path))
        QSKIP("file not present in this checkout");
    const Violations violations = Validator(builtinSchema(kind)).validate(readFile(path));
    QVERIFY2(violations.isEmpty(), qPrintable(describe(violations)));
    QVERIFY(Validator(builtinSchema(kind, false)).validate(readFile(path)).isEmpty());
}

void TestValidator::mutationIsReportedAtItsPointer_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expectPointer");
    QTest::addColumn<QString>("expectKeyword");
    for (const QString &kind : kKinds) {
        const QJsonArray mutations =
            QJsonDocument::fromJson(readFile(kTestData + u'/' + kind + QStringLiteral("/mutations.json"))).array();
        QVERIFY2(mutations.size() >= 12, qPrintable(kind));
        for (const QJsonValue &entry : mutations) {
            const QJsonObject m = entry.toObject();
            QTest::addRow("%s: %s", qPrintable(kind), qPrintable(m.value(QLatin1String("name")).toString()))
                << kind << m.value(QLatin1String("base")).toString() << m.value(QLatin1String("op")).toString()
                << m.value(QLatin1String("path")).toString() << m.value(QLatin1String("value"))
                << m.value(QLatin1String("expectPointer")).toString()
                << m.value(QLatin1String("expectKeyword")).toString();
        }
    }
}

void TestValidator::mutationIsReportedAtItsPointer()
{
    QFETCH(QString, kind);
    QFETCH(QString, base);
    QFETCH(QString, op);
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expectPointer);
    QFETCH(QString, expectKeyword);

    const QJsonValue mutated = applyOp(baseDocument(kind, base), pointerTokens(path), op, value);
    const Violations violations = validateAs(kind, mutated);
    QVERIFY2(!violations.isEmpty(), "mutated document still valid");
    bool hit = false;
    for (const Violation &v : violations) {
        QVERIFY2(!v.message.isEmpty(), qPrintable(describe(violations)));
        hit = hit || (v.pointer == expectPointer && v.keyword == expectKeyword);
    }
    QVERIFY2(hit, qPrintable(QStringLiteral("expected %1 [%2], got %3")
                                 .arg(expectPointer.isEmpty() ? QStringLiteral("(root)") : expectPointer, expectKeyword,
                                      describe(violations))));

    // Hookscope's own pass over leaf-only subtrees reports exactly what valijson's traversal does.
    const Violations viaValijson = Validator(builtinSchema(kind, false)).validate(toJson(mutated));
    QCOMPARE(sorted(violations), sorted(viaValijson));
}

void TestValidator::messagesNamePropertyAndConstraint_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("message");

    const QString cr = QStringLiteral("callback-request");
    const QString seed = QStringLiteral("valid/seed-example.json");
    const QString callback = QStringLiteral("/data/callbackRequest");
    QTest::newRow("missing required names the property and points at the object")
        << cr << seed << "remove" << callback + "/subject/subjectGroup/color" << QJsonValue()
        << callback + "/subject/subjectGroup" << "missing required property 'color'";
    QTest::newRow("minimum gives the bound and the value")
        << cr << seed << "replace" << callback + "/subject/order" << QJsonValue(-1) << callback + "/subject/order"
        << "'order' must be ≥ 0, got -1";
    QTest::newRow("maxLength counts characters")
        << cr << seed << "replace" << callback + "/externalId" << QJsonValue(QString(300, u'é'))
        << callback + "/externalId" << "'externalId' must be at most 255 characters, got 300";
    QTest::newRow("date-time quotes the value")
        << cr << seed << "replace" << callback + "/createdAt" << QJsonValue(QStringLiteral("2024-13-01"))
        << callback + "/createdAt" << "'createdAt' is not an RFC 3339 date-time: \"2024-13-01\"";
    QTest::newRow("extra property points at its object")
        << cr << seed << "add" << "/data/foo" << QJsonValue(true) << "/data" << "property 'foo' is not allowed here";
    QTest::newRow("const shows expected and actual")
        << cr << seed << "replace" << "/entity" << QJsonValue(QStringLiteral("X")) << "/entity"
        << "'entity' must be \"Callback Request\", got \"X\"";
    QTest::newRow("type lists the allowed types")
        << cr << seed << "replace" << callback + "/office/location/postalCode" << QJsonValue(9000)
        << callback + "/office/location/postalCode" << "'postalCode' must be a string or null, got number 9000";
    QTest::newRow("type of null")
        << cr << seed << "replace" << "/correlationId" << QJsonValue(QJsonValue::Null) << "/correlationId"
        << "'correlationId' must be a string, got null";
    QTest::newRow("array item named by index")
        << cr << seed << "replace" << callback + "/listing/tags/0" << QJsonValue(QString()) << callback + "/listing/tags/0"
        << "'tags[0]' must be at least 1 character, got 0";
    QTest::newRow("enum lists the allowed values")
        << "before-book-appointment" << "valid/agent-booking.json" << "replace" << "/status"
        << QJsonValue(QStringLiteral("Done")) << "/status" << "'status' must be one of \"Pending\", \"Waiting\", got \"Done\"";
    QTest::newRow("maximum")
        << "before-book-appointment" << "valid/agent-booking.json" << "replace" << "/appointment/start"
        << QJsonValue(1440) << "/appointment/start" << "'start' must be ≤ 1439, got 1440";
    QTest::newRow("integer refuses a fraction")
        << "before-book-appointment" << "valid/agent-booking.json" << "replace" << "/appointment/start"
        << QJsonValue(570.5) << "/appointment/start" << "'start' must be an integer, got number 570.5";
    QTest::newRow("whole document")
        << "jicoo" << "valid/guest-booked.json" << "replace" << "" << QJsonValue(QJsonArray{1}) << ""
        << "the document must be an object, got array";
}

void TestValidator::messagesNamePropertyAndConstraint()
{
    QFETCH(QString, kind);
    QFETCH(QString, base);
    QFETCH(QString, op);
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, pointer);
    QFETCH(QString, message);

    const Violations violations = validateAs(kind, applyOp(baseDocument(kind, base), pointerTokens(path), op, value));
    QVERIFY2(violations.size() == 1, qPrintable(describe(violations)));
    QCOMPARE(violations.first().pointer, pointer);
    QCOMPARE(violations.first().message, message);
}

void TestValidator::parentChainCollapsesIntoOneLeaf()
{
    // Through $ref, allOf (office.location) and an array item: valijson stacks a "failed to
    // validate" entry per level; only the leaf remains.
    const QString kind = QStringLiteral("callback-request");
    QJsonValue doc = baseDocument(kind, QStringLiteral("valid/seed-example.json"));
    doc = applyOp(doc, pointerTokens(QStringLiteral("/data/callbackRequest/office/location/translations/city/0/value")),
                  QStringLiteral("replace"), QJsonValue(7));
    const Violations violations = validateAs(kind, doc);
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().pointer, QStringLiteral("/data/callbackRequest/office/location/translations/city/0/value"));
    QCOMPARE(violations.first().keyword, QStringLiteral("type"));
    QCOMPARE(violations.first().message, QStringLiteral("'value' must be a string, got number 7"));
}

void TestValidator::everyForbiddenPropertyIsReported()
{
    const QString kind = QStringLiteral("callback-request");
    QJsonValue doc = baseDocument(kind, QStringLiteral("valid/seed-example.json"));
    doc = applyOp(doc, {QStringLiteral("data"), QStringLiteral("alpha")}, QStringLiteral("add"), QJsonValue(1));
    doc = applyOp(doc, {QStringLiteral("data"), QStringLiteral("omega")}, QStringLiteral("add"), QJsonValue(2));
    const Violations violations = validateAs(kind, doc);
    QCOMPARE(violations.size(), 2);
    QCOMPARE(violations.at(0), (Violation{QStringLiteral("/data"), QStringLiteral("property 'alpha' is not allowed here"),
                                          QStringLiteral("additionalProperties")}));
    QCOMPARE(violations.at(1).message, QStringLiteral("property 'omega' is not allowed here"));
}

void TestValidator::nullPassesNullableDateTimeButNotDateTime()
{
    const QString kind = QStringLiteral("callback-request");
    const QString group = QStringLiteral("/data/callbackRequest/subject/subjectGroup");
    QJsonValue doc = applyOp(baseDocument(kind, QStringLiteral("valid/seed-example.json")),
                             pointerTokens(group + QStringLiteral("/deletedAt")), QStringLiteral("replace"),
                             QJsonValue(QJsonValue::Null));
    QVERIFY2(validateAs(kind, doc).isEmpty(), qPrintable(describe(validateAs(kind, doc))));

    doc = applyOp(doc, pointerTokens(group + QStringLiteral("/updatedAt")), QStringLiteral("replace"),
                  QJsonValue(QJsonValue::Null));
    const Violations violations = validateAs(kind, doc);
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().keyword, QStringLiteral("type"));
    QCOMPARE(violations.first().pointer, group + QStringLiteral("/updatedAt"));
}

QTEST_APPLESS_MAIN(TestValidator)
#include "tst_validator.moc"
