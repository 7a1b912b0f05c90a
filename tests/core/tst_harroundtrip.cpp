#include "ExchangeSamples.h"

#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace hookscope;
using namespace hookscope::test;

// Browser HAR files (tests/data/har, written for these tests in the shapes Chrome and Firefox
// write) imported and exported again: the same URLs, methods, headers and bodies; entries that
// were never a request are skipped with their reason and the rest imported.
class TestHarRoundTrip final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void browserHarKeepsWhereRequestsWent_data();
    void browserHarKeepsWhereRequestsWent();
    void headerBytesOutsideUtf8SurviveAHarRoundTrip();
    void importCommandSaysWhatWasSkipped();
    void manySkippedEntriesKeepAFewReasons();

private:
    [[nodiscard]] QString store(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {
QString dataFile(const char *name)
{
    return QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/har/") + QLatin1String(name);
}

nlohmann::json parseFile(const QString &path)
{
    return nlohmann::json::parse(readAll(path).toStdString());
}

// What a round trip must keep of a request: one line per fact, so a difference reads well.
QStringList requestFacts(const nlohmann::json &entry)
{
    const nlohmann::json &request = entry.at("request");
    QStringList facts;
    facts << QString::fromStdString(request.at("method").get<std::string>() + ' ' + request.at("url").get<std::string>());
    for (const auto &header : request.at("headers"))
        facts << QString::fromStdString(header.at("name").get<std::string>() + ": " + header.at("value").get<std::string>());
    if (request.contains("postData"))
        facts << QStringLiteral("body ") + QString::fromStdString(request.at("postData").value("text", std::string()));
    facts << QStringLiteral("status %1").arg(entry.at("response").at("status").get<int>());
    for (const auto &header : entry.at("response").at("headers"))
        facts << QString::fromStdString("< " + header.at("name").get<std::string>() + ": " + header.at("value").get<std::string>());
    return facts;
}
} // namespace

void TestHarRoundTrip::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHarRoundTrip::browserHarKeepsWhereRequestsWent_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<int>>("skipped"); // entry indexes
    QTest::addColumn<QStringList>("reasons");
    QTest::newRow("chrome: HTTP/2 pseudo headers, https, a data: entry without method, a blocked request")
        << dataFile("chrome-h2-shop.har") << QList<int>{1} << QStringList{QStringLiteral("entry 1 "), QStringLiteral("request.method: is empty")};
    QTest::newRow("firefox: http on a port, https over HTTP/2 with Host, a blob: URL, wss")
        << dataFile("firefox-mixed.har") << QList<int>{2}
        << QStringList{QStringLiteral("entry 2 "), QStringLiteral("request.url: \"blob:https://static.example.test/"),
                       QStringLiteral("is not an http(s) URL")};
}

void TestHarRoundTrip::browserHarKeepsWhereRequestsWent()
{
    QFETCH(QString, file);
    QFETCH(QList<int>, skipped);
    QFETCH(QStringList, reasons);
    const nlohmann::json original = parseFile(file);
    const auto &entries = original.at("log").at("entries");

    EventStore events;
    QString error;
    QVERIFY2(events.open(store(QStringLiteral("imported.sqlite")), &error), qPrintable(error));
    const ImportResult result = EventImporter::importInto(&events, file);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.imported, qint64(entries.size()) - skipped.size());
    QCOMPARE(result.skipped, qint64(skipped.size()));
    const QString summary = result.skippedSummary(false);
    for (const QString &reason : reasons)
        QVERIFY2(summary.contains(reason), qPrintable(summary));

    const QString out = store(QStringLiteral("again.har"));
    const ExportResult exported = EventExporter(&events).exportTo(out, ExportFormat::Har, std::nullopt);
    QVERIFY2(exported.ok, qPrintable(exported.error));
    const nlohmann::json document = parseFile(out);
    const auto &again = document.at("log").at("entries");
    QCOMPARE(qsizetype(again.size()), qsizetype(result.imported));
    size_t next = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (skipped.contains(int(i)))
            continue;
        QCOMPARE(requestFacts(again.at(next)), requestFacts(entries.at(i)));
        ++next;
    }
}

void TestHarRoundTrip::headerBytesOutsideUtf8SurviveAHarRoundTrip()
{
    // A capture with a Latin-1 header value, a gzip body (decoded) and ngrok's forwarded headers.
    Event event;
    for (const Sample &sample : samples()) {
        if (QByteArray(sample.name) == "weird header bytes")
            event = sample.event;
    }
    QCOMPARE(headerValue(event.headers, "x-latin1"), QByteArray("caf\xe9"));
    event.forwardedFor = "203.0.113.9, 10.0.0.1";
    event.decodedBody = QByteArray("the body as decoded");
    EventStore first;
    QString error;
    QVERIFY2(first.open(store(QStringLiteral("first.sqlite")), &error), qPrintable(error));
    QVERIFY2(first.insert(event, &error), qPrintable(error));
    QString path = store(QStringLiteral("one.har"));
    QVERIFY(EventExporter(&first).exportTo(path, ExportFormat::Har, std::nullopt).ok);
    for (int round = 1; round <= 2; ++round) {
        EventStore next;
        QVERIFY2(next.open(store(QStringLiteral("round%1.sqlite").arg(round)), &error), qPrintable(error));
        const ImportResult result = EventImporter::importInto(&next, path);
        QVERIFY2(result.ok && result.imported == 1, qPrintable(result.error));
        const std::optional<Event> back = next.load(result.firstId);
        QVERIFY(back);
        QCOMPARE(difference(event, *back), QString());
        path = store(QStringLiteral("round%1.har").arg(round));
        QVERIFY(EventExporter(&next).exportTo(path, ExportFormat::Har, std::nullopt).ok);
    }
    // The HAR string still reads as text (Latin-1), the exact bytes beside it.
    const auto header = parseFile(path).at("log").at("entries").at(0).at("request").at("headers").at(1);
    QCOMPARE(QString::fromStdString(header.at("value").get<std::string>()), QStringLiteral("café"));
    QCOMPARE(header.at("_valueBase64").get<std::string>(), std::string("Y2Fm6Q=="));
}

void TestHarRoundTrip::importCommandSaysWhatWasSkipped()
{
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_BINARY),
                  {QStringLiteral("import"), QStringLiteral("--db"), store(QStringLiteral("cli.sqlite")),
                   dataFile("chrome-h2-shop.har")});
    QVERIFY(process.waitForFinished(60'000));
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(err.contains("4 events imported"), err.constData());
    QVERIFY2(err.contains("1 entry skipped:\n  entry 1 (ending at byte "), err.constData());
    QVERIFY2(err.contains("request.method: is empty"), err.constData());
}

void TestHarRoundTrip::manySkippedEntriesKeepAFewReasons()
{
    // A hostile file of entries that are no requests: counted, a few reasons kept, memory bounded.
    const QByteArray bad = R"({"startedDateTime":"2026-11-30T09:00:00Z","time":0,"request":{"method":"","url":"data:,x",)"
                           R"("headers":[]},"response":{"status":200,"headers":[]}})";
    const QByteArray good = R"({"startedDateTime":"2026-11-30T09:00:00Z","time":1,"request":{"method":"GET",)"
                            R"("url":"https://example.test/ok","headers":[]},"response":{"status":204,"headers":[]}})";
    QByteArray har = R"({"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[)";
    for (int i = 0; i < 1000; ++i)
        har += bad + ',';
    har += good + "]}}";
    const QString path = store(QStringLiteral("hostile.har"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(har);
    file.close();
    EventStore events;
    QString error;
    QVERIFY2(events.open(store(QStringLiteral("hostile.sqlite")), &error), qPrintable(error));
    const ImportResult result = EventImporter::importInto(&events, path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.imported, 1);
    QCOMPARE(result.skipped, 1000);
    QCOMPARE(result.skippedReasons.size(), 20);
    QVERIFY2(result.skippedSummary(false).endsWith(QLatin1String("(980 more)")), qPrintable(result.skippedSummary(false)));
    QCOMPARE(events.load(result.firstId)->target, QByteArray("/ok"));
}

QTEST_GUILESS_MAIN(TestHarRoundTrip)
#include "tst_harroundtrip.moc"
