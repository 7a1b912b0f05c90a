#include "ExchangeSamples.h"
#include "common/HookscopeCommand.h"

#include "schema/CompiledSchema.h"
#include "schema/Validator.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace hookscope;
using namespace hookscope::test;

// `hookscope export` and `hookscope import`, run as child processes.
class TestExchangeCommands final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void exportWritesAValidDocument_data();
    void exportWritesAValidDocument();
    void exportQueryErrorNamesItsColumn();
    void importAddsEventsAndRefusesCorruptFiles();
    void wrongUsageExitsWithTwo_data();
    void wrongUsageExitsWithTwo();
    void redactAuthLeavesCredentialsOut_data();
    void redactAuthLeavesCredentialsOut();

private:
    int run(const QStringList &args, QByteArray *err = nullptr);
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestExchangeCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(QStringLiteral("events.sqlite"));
    EventStore store;
    QString error;
    QVERIFY2(store.open(m_db, &error), qPrintable(error));
    for (const Sample &sample : samples()) {
        Event event = sample.event;
        QVERIFY2(store.insert(event, &error), qPrintable(error));
    }
}

void TestExchangeCommands::cleanup()
{
    m_dir.reset();
}

int TestExchangeCommands::run(const QStringList &args, QByteArray *err)
{
    const CommandRun run = runHookscope(
        args, CommandSetup().withEnvironment(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data"))));
    if (err)
        *err = run.err;
    return run.exitCode;
}

void TestExchangeCommands::exportWritesAValidDocument_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("events");
    QTest::newRow("everything as json") << QStringList() << "all.json" << int(samples().size());
    QTest::newRow("filtered") << QStringList{QStringLiteral("--filter"), QStringLiteral("JICOO")} << "some.json" << 1;
    QTest::newRow("filtered on a decoded body") << QStringList{QStringLiteral("--filter"), QStringLiteral("ZIPPED")} << "f.json" << 1;
    QTest::newRow("filter matching nothing") << QStringList{QStringLiteral("--filter"), QStringLiteral("no such text")} << "n.json" << 0;
    QTest::newRow("query on a body path") << QStringList{QStringLiteral("--query"), QStringLiteral("body.data.id = 42")} << "q1.json" << 1;
    QTest::newRow("query on a decoded body") << QStringList{QStringLiteral("--query"), QStringLiteral("body.zipped ~ GZIP")} << "q2.json" << 1;
    QTest::newRow("query of fields, and, not") << QStringList{QStringLiteral("--query"), QStringLiteral("method = POST and not path ~ /h")}
                                               << "q3.json" << 7;
    QTest::newRow("har by extension") << QStringList() << "all.har" << int(samples().size());
    QTest::newRow("har by option") << QStringList{QStringLiteral("--format"), QStringLiteral("har")} << "all.txt"
                                   << int(samples().size());
}

void TestExchangeCommands::exportWritesAValidDocument()
{
    QFETCH(QStringList, options);
    QFETCH(QString, file);
    QFETCH(int, events);
    const QString out = m_dir->filePath(file);
    QByteArray err;
    QCOMPARE(run(QStringList{QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out}
                     + options,
                 &err),
             0);
    QVERIFY2(err.contains("written"), err.constData());
    const auto document = nlohmann::json::parse(readAll(out).toStdString());
    const bool har = document.contains("log");
    QCOMPARE(har, file.endsWith(QLatin1String(".har")) || options.contains(QStringLiteral("har")));
    QCOMPARE(int((har ? document.at("log").at("entries") : document.at("events")).size()), events);
    if (!har) {
        QString error;
        const auto schema = CompiledSchema::compile(readAll(QStringLiteral(":/export/hookscope-export.schema.json")), &error);
        QVERIFY2(schema, qPrintable(error));
        QVERIFY(Validator(schema).validate(readAll(out)).isEmpty());
    }
}

void TestExchangeCommands::exportQueryErrorNamesItsColumn()
{
    const QString out = m_dir->filePath(QStringLiteral("never.json"));
    QByteArray err;
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out, QStringLiteral("--query"),
                  QStringLiteral("status = abc")},
                 &err),
             2);
    QVERIFY2(err.contains("--query: column 10: expected a whole number, got 'abc'"), err.constData());
    QVERIFY(!QFile::exists(out));
}

void TestExchangeCommands::importAddsEventsAndRefusesCorruptFiles()
{
    const QString out = m_dir->filePath(QStringLiteral("all.json"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out}), 0);
    const QString fresh = m_dir->filePath(QStringLiteral("fresh.sqlite"));
    QByteArray err;
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("--db"), fresh, out}, &err), 0);
    QVERIFY2(err.contains(QByteArray::number(samples().size()) + " events imported"), err.constData());
    {
        EventStore store;
        QString error;
        QVERIFY(store.open(fresh, &error));
        QCOMPARE(store.count(), samples().size());
        for (qsizetype i = 0; i < samples().size(); ++i)
            QCOMPARE(difference(samples().at(i).event, *store.load(i + 1)), QString());
    }

    QByteArray broken = readAll(out);
    broken.truncate(broken.size() / 2);
    const QString corrupt = m_dir->filePath(QStringLiteral("corrupt.json"));
    QFile file(corrupt);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(broken);
    file.close();
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("--db"), fresh, corrupt}, &err), 1);
    QVERIFY2(err.contains("line") && err.contains("byte"), err.constData());

    // A crafted export whose third event hides a second request in its method and target
    // (replay would have written it verbatim): refused whole, naming the event and the field.
    QByteArray crafted = readAll(out);
    const qsizetype third = crafted.indexOf("\"method\":\"", crafted.indexOf("\"method\":\"", crafted.indexOf("\"method\":\"") + 1) + 1);
    QVERIFY(third > 0);
    crafted.insert(third + 10, "GET /x HTTP/1.1\\r\\n\\r\\n");
    const QString craftedPath = m_dir->filePath(QStringLiteral("crafted.json"));
    QFile craftedFile(craftedPath);
    QVERIFY(craftedFile.open(QIODevice::WriteOnly));
    craftedFile.write(crafted);
    craftedFile.close();
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("--db"), fresh, craftedPath}, &err), 1);
    QVERIFY2(err.contains("event 2 (ending at byte") && err.contains("request method holds a carriage return (CR)"),
             err.constData());
    EventStore store;
    QString error;
    QVERIFY(store.open(fresh, &error));
    QCOMPARE(store.count(), samples().size()); // nothing added
}

void TestExchangeCommands::wrongUsageExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("export without --out") << QStringList{QStringLiteral("export")} << "--out FILE is required";
    QTest::newRow("export, bad format") << QStringList{QStringLiteral("export"), QStringLiteral("--format"),
                                                       QStringLiteral("xml"), QStringLiteral("--out"), QStringLiteral("x")}
                                        << "--format must be json, har or curl";
    QTest::newRow("export, no store") << QStringList{QStringLiteral("export"), QStringLiteral("--db"),
                                                     QStringLiteral("/nonexistent/x.sqlite"), QStringLiteral("--out"),
                                                     QStringLiteral("x")}
                                      << "no store at";
    QTest::newRow("export, --url without curl")
        << QStringList{QStringLiteral("export"), QStringLiteral("--url"), QStringLiteral("http://h"),
                       QStringLiteral("--out"), QStringLiteral("x.json")}
        << "--url is for --format curl";
    QTest::newRow("export, --url that is no http URL")
        << QStringList{QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("curl"), QStringLiteral("--url"),
                       QStringLiteral("-o/tmp/x"), QStringLiteral("--out"), QStringLiteral("x.sh")}
        << "is not a URL like http://localhost:3000";
    QTest::newRow("import without file") << QStringList{QStringLiteral("import")} << "no FILE given";
    QTest::newRow("import, missing file") << QStringList{QStringLiteral("import"), QStringLiteral("/nonexistent.json")}
                                          << "cannot open";
}

void TestExchangeCommands::wrongUsageExitsWithTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QByteArray err;
    QCOMPARE(run(args, &err), 2);
    QVERIFY2(err.contains(message.toUtf8()), err.constData());
}

void TestExchangeCommands::redactAuthLeavesCredentialsOut_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("redacted");
    QTest::newRow("json, as captured") << QStringList() << "full.json" << false;
    QTest::newRow("json, --redact-auth") << QStringList{QStringLiteral("--redact-auth")} << "shared.json" << true;
    QTest::newRow("har, --redact-auth") << QStringList{QStringLiteral("--redact-auth")} << "shared.har" << true;
}

void TestExchangeCommands::redactAuthLeavesCredentialsOut()
{
    QFETCH(QStringList, options);
    QFETCH(QString, file);
    QFETCH(bool, redacted);
    {
        EventStore store;
        QString error;
        QVERIFY2(store.open(m_db, &error), qPrintable(error));
        Event event = samples().first().event;
        event.headers.append(std::pair<QByteArray, QByteArray>("Authorization", "Bearer vendor-token-123"));
        event.headers.append(std::pair<QByteArray, QByteArray>("proxy-authorization", "Basic cHJveHk6cHc="));
        QVERIFY2(store.insert(event, &error), qPrintable(error));
    }
    const QString out = m_dir->filePath(file);
    QByteArray err;
    QCOMPARE(run(QStringList{QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out} + options,
                 &err),
             0);
    const QByteArray bytes = readAll(out);
    QCOMPARE(bytes.contains("vendor-token-123"), !redacted);
    QCOMPARE(bytes.contains("cHJveHk6cHc="), !redacted);
    QCOMPARE(bytes.contains("Bearer [redacted]") && bytes.contains("Basic [redacted]"), redacted);
    EventStore store; // the store keeps what was sent
    QString error;
    QVERIFY(store.open(m_db, &error));
    QCOMPARE(headerValue(store.load(store.maxId())->headers, "authorization"), QByteArray("Bearer vendor-token-123"));
}

QTEST_GUILESS_MAIN(TestExchangeCommands)
#include "tst_exchangecommands.moc"
