#include "common/HookscopeCommand.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kData = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/translations/");
const QString kSamples = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/");

using Run = hookscope::test::TextRun;

Run run(const QStringList &args, const QByteArray &input = QByteArray())
{
    return hookscope::test::runHookscopeText(QStringList{QStringLiteral("translations")} + args,
                                             hookscope::test::CommandSetup().withInput(input));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

} // namespace

class TestTranslationsCommand final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exitStatus_data();
    void exitStatus();
    void jsonIsExactForSmallFile();
    void jsonLinePerFileWithErrorForUnreadable();
    void tsvEscapesAndMarkers();
    void tsvNamesFilesWhenSeveral();
    void tsvListsGapsOnStderr();
    void requireAddsColumns_data();
    void requireAddsColumns();
    void stdinIsDash();
    void usageErrors_data();
    void usageErrors();
    void helpDocumentsFormatsAndExitStatus();

private:
    QTemporaryDir m_dir;
    QString m_notJson;
    QString m_empty;
};

void TestTranslationsCommand::initTestCase()
{
    if (!QFile::exists(QStringLiteral(HOOKSCOPE_BINARY)))
        QSKIP("hookscope binary not built");
    QVERIFY(m_dir.isValid());
    m_notJson = m_dir.filePath(QStringLiteral("broken.json"));
    QFile broken(m_notJson);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"translations": {"name": [)");
    broken.close();
    m_empty = m_dir.filePath(QStringLiteral("empty.json"));
    QFile empty(m_empty);
    QVERIFY(empty.open(QIODevice::WriteOnly));
}

void TestTranslationsCommand::exitStatus_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    const QString complete = kData + "complete-three-languages.json";
    const QString missing = kData + "missing-languages.json";
    QTest::newRow("complete") << QStringList{complete} << 0;
    QTest::newRow("complete as json") << QStringList{"--format", "json", complete} << 0;
    QTest::newRow("seed example, one placeholder language") << QStringList{kSamples + "callback-request.json"} << 0;
    QTest::newRow("duplicates, empty and null are not missing")
        << QStringList{kData + "duplicates.json", kData + "empty-and-null.json"} << 0;
    QTest::newRow("no translations at all") << QStringList{kSamples + "jicoo.json"} << 0;
    QTest::newRow("missing language") << QStringList{missing} << 1;
    QTest::newRow("missing in one of several files") << QStringList{complete, missing} << 1;
    QTest::newRow("required language absent") << QStringList{"--require", "de", complete} << 1;
    QTest::newRow("required languages present") << QStringList{"--require", "nl,fr", complete} << 0;
    QTest::newRow("required, but no field to lack it") << QStringList{"--require", "de", kSamples + "jicoo.json"} << 0;
    QTest::newRow("missing file") << QStringList{m_dir.filePath("nope.json")} << 2;
    QTest::newRow("not JSON") << QStringList{m_notJson} << 2;
    QTest::newRow("empty file") << QStringList{m_empty} << 2;
    QTest::newRow("unreadable beats missing") << QStringList{missing, m_notJson, complete} << 2;
    QTest::newRow("unreadable beats missing in json") << QStringList{"--format", "json", m_notJson, missing} << 2;
}

void TestTranslationsCommand::exitStatus()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const Run r = run(args);
    QVERIFY2(r.exitCode == exitCode, qPrintable(QString::number(r.exitCode) + u'\n' + r.out + r.err));
}

void TestTranslationsCommand::jsonIsExactForSmallFile()
{
    const QString file = kData + "small.json";
    const Run r = run({"--format", "json", file});
    QCOMPARE(r.exitCode, 1);
    const QString expected =
        QStringLiteral(R"({"file":"%1","languages":["en","nl","fr"],"fields":[)"
                       R"({"pointer":"/office/translations/name","owner":"office › name","values":{"en":"Ghent","nl":"Gent"}},)"
                       R"({"pointer":"/office/translations/parkingInfo","owner":"office › parkingInfo",)"
                       R"("values":{"en":"Gate A\tlevel -1\nback\\side","fr":null}}],)"
                       R"("missing":[{"pointer":"/office/translations/name","language":"fr"},)"
                       R"({"pointer":"/office/translations/parkingInfo","language":"nl"}]})"
                       "\n")
            .arg(file);
    QCOMPARE(r.out, expected);
    QCOMPARE(r.err, QString());
}

void TestTranslationsCommand::jsonLinePerFileWithErrorForUnreadable()
{
    const Run r = run({"--format", "json", kData + "complete-three-languages.json", m_notJson, kData + "nested-answers.json"});
    QCOMPARE(r.exitCode, 2);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    for (const QString &line : lines) {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(object.contains("file") && object.contains("languages") && object.contains("fields")
                && object.contains("missing"));
    }
    const QJsonObject broken = QJsonDocument::fromJson(lines.at(1).toUtf8()).object();
    QCOMPARE(broken.value("file").toString(), m_notJson);
    QVERIFY(broken.value("error").toString().startsWith("not JSON: "));
    QCOMPARE(broken.value("fields").toArray().size(), 0);
    const QJsonObject nested = QJsonDocument::fromJson(lines.at(2).toUtf8()).object();
    QCOMPARE(nested.value("missing").toArray().size(), 2);
    QVERIFY(r.err.startsWith(m_notJson + ": not JSON: "));
}

void TestTranslationsCommand::tsvEscapesAndMarkers()
{
    const Run r = run({kData + "small.json"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out, QStringLiteral("pointer\towner\ten\tnl\tfr\n"
                                   "/office/translations/name\toffice › name\tGhent\tGent\t\\-\n"
                                   "/office/translations/parkingInfo\toffice › parkingInfo\t"
                                   "Gate A\\tlevel -1\\nback\\\\side\t\\-\t\\N\n"));
}

void TestTranslationsCommand::tsvNamesFilesWhenSeveral()
{
    const QString first = kData + "complete-three-languages.json";
    const QString second = kData + "right-to-left.json";
    const Run r = run({first, second});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 1 + 3 + 1 + 1 + 2);
    QCOMPARE(lines.at(0), "# " + first);
    QCOMPARE(lines.at(1), "pointer\towner\ten\tnl\tfr");
    QCOMPARE(lines.at(5), "# " + second);
    QCOMPARE(lines.at(6), "pointer\towner\ten\tar\the\tfa");
    QCOMPARE(lines.at(7), "/office/translations/directions\toffice › directions\tNext to the metro\tبجانب المترو\t"
                          "ליד הרכבת התחתית\tکنار مترو");

    const Run single = run({first});
    QVERIFY(!single.out.contains(u'#')); // one file: plain TSV
}

void TestTranslationsCommand::tsvListsGapsOnStderr()
{
    const QString file = kData + "duplicates.json";
    const Run dup = run({file});
    QCOMPARE(dup.exitCode, 0);
    QVERIFY2(dup.err.contains(file + ": nl given 3 times in /office/translations/name (the first counts)"),
             qPrintable(dup.err));
    const QString empty = kData + "empty-and-null.json";
    const Run flagged = run({empty});
    QCOMPARE(flagged.exitCode, 0);
    QCOMPARE(flagged.err, QStringLiteral("%1: en is empty in /location/translations/city\n"
                                         "%1: item without a language in /location/translations/state\n"
                                         "%1: en is null in /location/translations/street2\n"
                                         "%1: nl is null in /location/translations/street2\n")
                              .arg(empty));
    const QString missing = kData + "missing-languages.json";
    const Run gaps = run({missing});
    QCOMPARE(gaps.err.count(u'\n'), 11);
    QVERIFY(gaps.err.contains(missing + ": missing de in /data/callbackRequest/subject/translations/description "
                                        "(subject › description)\n"));
}

void TestTranslationsCommand::requireAddsColumns_data()
{
    QTest::addColumn<QStringList>("require");
    QTest::addColumn<QStringList>("languages");
    QTest::addColumn<int>("missing");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("comma list") << QStringList{"--require", "de,nl"} << QStringList{"en", "nl", "fr", "de"} << 3 << 1;
    QTest::newRow("repeated option") << QStringList{"--require", "de", "-r", "it"}
                                     << QStringList{"en", "nl", "fr", "de", "it"} << 6 << 1;
    QTest::newRow("blanks and spaces ignored") << QStringList{"--require", " fr, ,en"} << QStringList{"en", "nl", "fr"}
                                               << 0 << 0;
}

void TestTranslationsCommand::requireAddsColumns()
{
    QFETCH(QStringList, require);
    QFETCH(QStringList, languages);
    QFETCH(int, missing);
    QFETCH(int, exitCode);
    const Run r = run(require + QStringList{"--format", "json", kData + "complete-three-languages.json"});
    QCOMPARE(r.exitCode, exitCode);
    const QJsonObject object = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QStringList found;
    for (const QJsonValue &language : object.value("languages").toArray())
        found.append(language.toString());
    QCOMPARE(found, languages);
    QCOMPARE(object.value("missing").toArray().size(), missing);
}

void TestTranslationsCommand::stdinIsDash()
{
    const Run r = run({"--format", "json", "-"}, readFile(kData + "small.json"));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.startsWith(R"({"file":"-","languages":["en","nl","fr"])"), qPrintable(r.out));
}

void TestTranslationsCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no file") << QStringList{} << "no FILE given";
    QTest::newRow("unknown format") << QStringList{"--format", "csv", kData + "small.json"} << "--format must be tsv or json";
    QTest::newRow("unknown option") << QStringList{"--frobnicate", kData + "small.json"} << "frobnicate";
    QTest::newRow("require without value") << QStringList{"--require"} << "require";
}

void TestTranslationsCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.out, QString());
}

void TestTranslationsCommand::helpDocumentsFormatsAndExitStatus()
{
    const Run r = run({"--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("Usage: hookscope translations"));
    for (const char *needle : {"--format", "--require", "\\N is a null value", "\\- a missing", "# FILE",
                               "\"missing\": [{\"pointer\", \"language\"}]", "Exit status"})
        QVERIFY2(r.out.contains(QLatin1String(needle)), needle);
}

QTEST_GUILESS_MAIN(TestTranslationsCommand)
#include "tst_translationscommand.moc"
