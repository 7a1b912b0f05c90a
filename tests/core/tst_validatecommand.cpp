#include "common/HookscopeCommand.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kTestData = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/schemas");
const QString kSamples = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples");

using Run = hookscope::test::TextRun;

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

} // namespace

class TestValidateCommand final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exitStatus_data();
    void exitStatus();
    void textReportListsViolations();
    void notJsonGoesToStderrWithOffset();
    void jsonFormatIsOneObjectPerLine();
    void stdinIsDash();
    void kindOptionValidatesResponses();
    void pathRoutesTheBody();
    void userKindsFolder();
    void usageErrors_data();
    void usageErrors();
    void helpDocumentsExitStatus();
    void schemasListsKindsAndSources();

private:
    Run run(const QStringList &args, const QByteArray &input = QByteArray());

    QTemporaryDir m_dir; // files written by the tests, and an empty user kinds folder
    QString m_invalid; // a callback request with two violations
    QString m_unknown;
    QString m_notJson;
};

Run TestValidateCommand::run(const QStringList &args, const QByteArray &input)
{
    // No user kinds from the machine.
    return hookscope::test::runHookscopeText(
        args, hookscope::test::CommandSetup().withInput(input).withEnvironment(QStringLiteral("XDG_CONFIG_HOME"),
                                                                                m_dir.filePath("config")));
}

void TestValidateCommand::initTestCase()
{
    if (!QFile::exists(QStringLiteral(HOOKSCOPE_BINARY)))
        QSKIP("hookscope binary not built");
    QVERIFY(m_dir.isValid());
    QFile seed(kTestData + QStringLiteral("/callback-request/valid/seed-example.json"));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    QJsonObject doc = QJsonDocument::fromJson(seed.readAll()).object();
    doc.insert(QStringLiteral("entity"), QStringLiteral("X"));
    QJsonObject data = doc.value(QLatin1String("data")).toObject();
    data.insert(QStringLiteral("retry"), true);
    doc.insert(QStringLiteral("data"), data);
    m_invalid = m_dir.filePath("invalid.json");
    writeFile(m_invalid, QJsonDocument(doc).toJson());
    m_unknown = m_dir.filePath("unknown.json");
    writeFile(m_unknown, R"({"ref": "refs/heads/main", "repository": {"id": 1}})");
    m_notJson = m_dir.filePath("broken.json");
    writeFile(m_notJson, "{\"event\": \"guest_booked\", \"createdAt\": \"2019");
}

void TestValidateCommand::exitStatus_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<int>("exitCode");
    const QString valid = kSamples + QStringLiteral("/jicoo.json");
    QTest::newRow("valid") << QStringList{valid} << 0;
    QTest::newRow("several valid") << QStringList{valid, kSamples + QStringLiteral("/callback-request.json")} << 0;
    QTest::newRow("violations") << QStringList{m_invalid} << 1;
    QTest::newRow("unknown kind") << QStringList{m_unknown} << 3;
    QTest::newRow("not JSON") << QStringList{m_notJson} << 2;
    QTest::newRow("missing file") << QStringList{m_dir.filePath("nope.json")} << 2;
    QTest::newRow("empty file") << QStringList{QStringLiteral("/dev/null")} << 2;
    QTest::newRow("unknown beats violations") << QStringList{m_invalid, m_unknown, valid} << 3;
    QTest::newRow("not JSON beats unknown") << QStringList{m_unknown, m_notJson, m_invalid} << 2;
}

void TestValidateCommand::exitStatus()
{
    QFETCH(QStringList, files);
    QFETCH(int, exitCode);
    const Run r = run(QStringList{QStringLiteral("validate")} + files);
    QVERIFY2(r.exitCode == exitCode, qPrintable(r.out + r.err));
}

void TestValidateCommand::textReportListsViolations()
{
    const Run r = run({QStringLiteral("validate"), m_invalid, kSamples + QStringLiteral("/jicoo.json"), m_unknown});
    QCOMPARE(r.exitCode, 3);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines, (QStringList{m_invalid + QStringLiteral(": callback-request (string): 2 violations"),
                                 QStringLiteral("  /data: property 'retry' is not allowed here"),
                                 QStringLiteral("  /entity: 'entity' must be \"Callback Request\", got \"X\""),
                                 kSamples + QStringLiteral("/jicoo.json: jicoo (guest_booked): valid"),
                                 m_unknown + QStringLiteral(": unknown kind")}));
    QCOMPARE(r.err, QString());
}

void TestValidateCommand::notJsonGoesToStderrWithOffset()
{
    const Run r = run({QStringLiteral("validate"), m_notJson});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.err, m_notJson + QStringLiteral(": not JSON: unterminated string at offset 45\n"));
}

void TestValidateCommand::jsonFormatIsOneObjectPerLine()
{
    const Run r = run({QStringLiteral("validate"), QStringLiteral("--format"), QStringLiteral("json"), m_invalid, m_unknown,
                       kSamples + QStringLiteral("/hoopai.appointment-update.json"), m_notJson});
    QCOMPARE(r.exitCode, 2);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QList<QJsonObject> objects;
    for (const QString &line : lines) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        QVERIFY2(doc.isObject(), qPrintable(line));
        objects.append(doc.object());
        QVERIFY(line.startsWith(QLatin1String("{\"file\":")));
    }
    QCOMPARE(objects[0].value("file").toString(), m_invalid);
    QCOMPARE(objects[0].value("kind").toString(), QStringLiteral("callback-request"));
    QCOMPARE(objects[0].value("event").toString(), QStringLiteral("string"));
    QCOMPARE(objects[0].value("valid"), QJsonValue(false));
    QCOMPARE(objects[0].value("violations").toArray().size(), 2);
    QCOMPARE(objects[0].value("violations").toArray().at(0).toObject(),
             (QJsonObject{{"pointer", "/data"}, {"message", "property 'retry' is not allowed here"}}));

    QCOMPARE(objects[1].value("kind"), QJsonValue(QJsonValue::Null));
    QCOMPARE(objects[1].value("event"), QJsonValue(QJsonValue::Null));
    QCOMPARE(objects[1].value("valid"), QJsonValue(QJsonValue::Null));
    QCOMPARE(objects[1].value("violations").toArray().size(), 0);

    QCOMPARE(objects[2].value("kind").toString(), QStringLiteral("hoopai.appointment-update"));
    QCOMPARE(objects[2].value("event").toString(), QStringLiteral("AppointmentUpdate"));
    QCOMPARE(objects[2].value("valid"), QJsonValue(true));

    QCOMPARE(objects[3].value("kind"), QJsonValue(QJsonValue::Null));
    QCOMPARE(objects[3].value("error").toString(), QStringLiteral("not JSON: unterminated string at offset 45"));
    QVERIFY(r.err.contains(QLatin1String("unterminated string at offset 45")));
}

void TestValidateCommand::stdinIsDash()
{
    const Run r = run({QStringLiteral("validate"), QStringLiteral("-")},
                      R"({"event": "guest_booked", "createdAt": "2019-08-24T10:02:02.000Z", "object": null})");
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out, QStringLiteral("-: jicoo (guest_booked): 1 violation\n  /object: 'object' must be an object, got null\n"));
}

void TestValidateCommand::kindOptionValidatesResponses()
{
    const QString response = kTestData + QStringLiteral("/before-book-appointment.response/valid/cancel-booking.json");
    Run r = run({QStringLiteral("validate"), response});
    QCOMPARE(r.exitCode, 3); // responses are never classified
    r = run({QStringLiteral("validate"), QStringLiteral("--kind"), QStringLiteral("before-book-appointment.response"),
             response});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.endsWith(QLatin1String(": valid\n")), qPrintable(r.out));
    r = run({QStringLiteral("validate"), QStringLiteral("-k"), QStringLiteral("before-book-appointment.response"),
             QStringLiteral("-")},
            R"({"removeCustomer": false, "useCustomerContactInfo": true, "cancelled": false, "contactEmail": "a@b.c"})");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(QLatin1String("  /contactEmail: 'contactEmail' must be null, got string \"a@b.c\"")),
             qPrintable(r.out));
}

void TestValidateCommand::pathRoutesTheBody()
{
    const Run r = run({QStringLiteral("validate"), QStringLiteral("--path"), QStringLiteral("/hooks/jicoo?sig=1"),
                       kSamples + QStringLiteral("/hoopai.appointment-update.json")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(QLatin1String(": jicoo: 3 violations")), qPrintable(r.out));
}

void TestValidateCommand::userKindsFolder()
{
    const QString kinds = m_dir.filePath("kinds");
    QVERIFY(QDir().mkpath(kinds));
    writeFile(QDir(kinds).filePath("shop.order.schema.json"),
              R"({"title": "Shop order", "required": ["orderId", "total"],
                  "properties": {"total": {"type": "number", "minimum": 0}}})");
    writeFile(QDir(kinds).filePath("shop.order.kind.json"), R"({"eventLabel": "order placed"})");
    Run r = run({QStringLiteral("validate"), QStringLiteral("--kinds-dir"), kinds, QStringLiteral("-")},
                R"({"orderId": "A1", "total": -1})");
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out, QStringLiteral("-: shop.order (order placed): 1 violation\n  /total: 'total' must be ≥ 0, got -1\n"));

    r = run({QStringLiteral("schemas"), QStringLiteral("--kinds-dir"), kinds});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("user ") + QDir(kinds).filePath("shop.order.schema.json")), qPrintable(r.out));

    writeFile(QDir(kinds).filePath("broken.kind.json"), "{");
    r = run({QStringLiteral("schemas"), QStringLiteral("--kinds-dir"), kinds});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("broken.kind.json: not JSON")), qPrintable(r.err));
    QVERIFY(QFile::remove(QDir(kinds).filePath("broken.kind.json")));
}

void TestValidateCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no file") << QStringList{"validate"} << "no FILE given";
    QTest::newRow("bad format") << QStringList{"validate", "--format", "xml", "x.json"} << "--format must be text or json";
    QTest::newRow("unknown kind") << QStringList{"validate", "--kind", "nope", "x.json"} << "no kind \"nope\"";
    QTest::newRow("unknown option") << QStringList{"validate", "--frobnicate", "x.json"} << "frobnicate";
    QTest::newRow("schemas with an argument") << QStringList{"schemas", "extra"} << "unexpected argument";
}

void TestValidateCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestValidateCommand::helpDocumentsExitStatus()
{
    Run r = run({QStringLiteral("validate"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(QLatin1String("Usage: hookscope validate [--kind ID] [--format text|json] FILE...")));
    for (const char *text : {"--kind", "--format", "--path", "--kinds-dir", "Exit status", "2  a file is unreadable",
                             "3  a file is of unknown kind", "1  a file has violations", "0  every file is valid"})
        QVERIFY2(r.out.contains(QLatin1String(text)), text);
    r = run({QStringLiteral("schemas"), QStringLiteral("-h")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(QLatin1String("Usage: hookscope schemas")));
}

void TestValidateCommand::schemasListsKindsAndSources()
{
    const Run r = run({QStringLiteral("schemas")});
    QCOMPARE(r.exitCode, 0);
    for (const char *id : {"callback-request", "before-book-appointment", "before-book-appointment.response",
                           "hoopai.appointment-update", "jicoo"}) {
        // A build-tree binary reads the source tree's data folder (ResourceLocator).
        QVERIFY2(r.out.contains(QStringLiteral("built-in " HOOKSCOPE_SOURCE_DIR "/resources/schemas/%1.schema.json")
                                    .arg(QLatin1String(id))),
                 id);
    }
    QVERIFY(r.out.contains(QLatin1String("Callback Request (create / update)")));
    QVERIFY(r.out.contains(QLatin1String("routes: /hooks/jicoo")));
    QVERIFY(r.out.contains(QLatin1String("user kinds folder: ") + m_dir.filePath("config")));
}

QTEST_GUILESS_MAIN(TestValidateCommand)
#include "tst_validatecommand.moc"
