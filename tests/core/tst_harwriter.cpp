#include "ExchangeSamples.h"

#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"
#include "exchange/ExchangeJson.h"
#include "exchange/HarEntryCodec.h"
#include "schema/CompiledSchema.h"
#include "schema/Validator.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace hookscope;
using namespace hookscope::test;

namespace {
std::shared_ptr<const CompiledSchema> harSchema()
{
    static std::shared_ptr<const CompiledSchema> schema = [] {
        QString error;
        auto compiled = CompiledSchema::compile(
            readAll(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/core/data/har-1.2.schema.json")), &error);
        if (!compiled)
            qFatal("HAR schema: %s", qPrintable(error));
        return compiled;
    }();
    return schema;
}
} // namespace

class TestHarWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void harFollowsTheHar12Structure_data();
    void harFollowsTheHar12Structure();
    void harImportGivesTheRequestBack_data();
    void harImportGivesTheRequestBack();
    void browserHarIsImported();

private:
    QString exportHar(const Event &event);
    QList<Event> importHar(const QString &path, ImportResult *result);
    std::unique_ptr<QTemporaryDir> m_dir;
    int m_imports = 0;
};

void TestHarWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestHarWriter::cleanup()
{
    m_dir.reset();
}

QString TestHarWriter::exportHar(const Event &event)
{
    EventStore store;
    QString error;
    if (!store.open(m_dir->filePath(QStringLiteral("source.sqlite")), &error))
        qFatal("%s", qPrintable(error));
    Event copy = event;
    if (!store.insert(copy, &error))
        qFatal("%s", qPrintable(error));
    const QString path = m_dir->filePath(QStringLiteral("out.har"));
    EventExporter exporter(&store);
    const ExportResult result = exporter.exportTo(path, EventExporter::formatForPath(path), std::nullopt);
    if (!result.ok)
        qFatal("%s", qPrintable(result.error));
    return path;
}

// Imports into a new store file and reads the events back, as the application does.
QList<Event> TestHarWriter::importHar(const QString &path, ImportResult *result)
{
    EventStore store;
    QString error;
    const QString db = m_dir->filePath(QStringLiteral("imported-%1.sqlite").arg(++m_imports));
    if (!store.open(db, &error))
        qFatal("%s", qPrintable(error));
    *result = EventImporter::importInto(&store, path);
    QList<Event> events;
    for (const qint64 id : store.ids())
        events.append(*store.load(id));
    return events;
}

void TestHarWriter::harFollowsTheHar12Structure_data()
{
    QTest::addColumn<Event>("event");
    for (const Sample &sample : samples())
        QTest::newRow(sample.name) << sample.event;
}

void TestHarWriter::harFollowsTheHar12Structure()
{
    QFETCH(Event, event);
    const QByteArray bytes = readAll(exportHar(event));
    const Violations violations = Validator(harSchema()).validate(bytes);
    QStringList problems;
    for (const Violation &v : violations)
        problems << v.pointer + QStringLiteral(": ") + v.message;
    QVERIFY2(violations.isEmpty(), qPrintable(problems.join(u'\n')));
    const auto har = nlohmann::json::parse(bytes.toStdString());
    const auto &entry = har.at("log").at("entries").at(0);
    QCOMPARE(har.at("log").at("version").get<std::string>(), std::string("1.2"));
    QCOMPARE(QString::fromStdString(entry.at("request").at("url").get<std::string>()), HarEntryCodec::urlOf(event));
    // Headers are HAR name/value objects, in the order they came, duplicates kept.
    const auto sameHeaders = [](const nlohmann::json &har, const HeaderList &headers) {
        QStringList problems;
        if (!har.is_array() || har.size() != size_t(headers.size()))
            return QStringLiteral("not %1 header objects: %2").arg(headers.size()).arg(QString::fromStdString(har.dump()));
        for (qsizetype i = 0; i < headers.size(); ++i) {
            const auto text = [](const QByteArray &bytes) {
                return exchange::isUtf8(bytes) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
            };
            const nlohmann::json &header = har.at(size_t(i));
            // Bytes a HAR string cannot hold go beside it, base64 ("_valueBase64"), and only those.
            const QByteArray &value = headers.at(i).second;
            const bool exact = !exchange::isUtf8(value);
            if (header.size() != (exact ? 3u : 2u)
                || QString::fromStdString(header.at("name").get<std::string>()) != text(headers.at(i).first)
                || QString::fromStdString(header.at("value").get<std::string>()) != text(value)
                || (exact && header.at("_valueBase64").get<std::string>() != value.toBase64().toStdString()))
                problems << QStringLiteral("[%1] %2").arg(i).arg(QString::fromStdString(header.dump()));
        }
        return problems.join(u'\n');
    };
    QCOMPARE(sameHeaders(entry.at("request").at("headers"), event.headers), QString());
    QCOMPARE(sameHeaders(entry.at("response").at("headers"), event.response.headers), QString());
    QCOMPARE(entry.at("request").contains("postData"), !event.body.isEmpty());
    QCOMPARE(entry.at("response").at("status").get<int>(), event.response.status);
    QCOMPARE(entry.at("startedDateTime").get<std::string>(), std::string("2026-11-23T01:02:03.456Z"));
}

void TestHarWriter::harImportGivesTheRequestBack_data()
{
    QTest::addColumn<Event>("event");
    // Every sample, also header bytes outside UTF-8, the decoded body and forwarded values.
    for (const Sample &sample : samples())
        QTest::newRow(sample.name) << sample.event;
}

void TestHarWriter::harImportGivesTheRequestBack()
{
    QFETCH(Event, event);
    ImportResult result;
    const QList<Event> imported = importHar(exportHar(event), &result);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(imported.size(), 1);
    const Event &back = imported.first();
    QCOMPARE(difference(event, back), QString());
    QCOMPARE(back.method, event.method);
    QCOMPARE(back.target, event.target);
    QCOMPARE(back.httpVersion, event.httpVersion);
    QCOMPARE(serializeHeaders(back.headers), serializeHeaders(event.headers));
    QCOMPARE(back.body.toHex(), event.body.toHex());
    QCOMPARE(back.contentType, event.contentType);
    QCOMPARE(back.response.status, event.response.status);
    QCOMPARE(serializeHeaders(back.response.headers), serializeHeaders(event.response.headers));
    QCOMPARE(back.response.body.toHex(), event.response.body.toHex());
    QCOMPARE(back.receivedAtMs, event.receivedAtMs);
    QCOMPARE(back.remoteAddress, event.remoteAddress);
    QVERIFY(back.importedAtMs > 0);
}

void TestHarWriter::browserHarIsImported()
{
    // The shape Chrome and Firefox write: pages, HTTP/2 pseudo headers, a response without text.
    const QByteArray har = R"({"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},
      "pages":[{"startedDateTime":"2026-11-20T10:00:00.000Z","id":"page_1","title":"x","pageTimings":{}}],
      "entries":[{"pageref":"page_1","startedDateTime":"2026-11-20T10:00:01.250+01:00","time":12.5,
        "request":{"method":"POST","url":"https://api.example.test/v1/hooks?a=1#frag","httpVersion":"h2",
          "headers":[{"name":":authority","value":"api.example.test"},{"name":"content-type","value":"application/json"}],
          "queryString":[{"name":"a","value":"1"}],"cookies":[],"headersSize":-1,"bodySize":7,
          "postData":{"mimeType":"application/json","text":"{\"a\":1}"}},
        "response":{"status":204,"statusText":"","httpVersion":"h2","headers":[],"cookies":[],
          "content":{"size":0,"mimeType":"x-unknown"},"redirectURL":"","headersSize":-1,"bodySize":0},
        "cache":{},"timings":{"send":0,"wait":12,"receive":0.5},"serverIPAddress":"192.0.2.7"}]}})";
    const QString path = m_dir->filePath(QStringLiteral("browser.har"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(har);
    file.close();
    ImportResult result;
    const QList<Event> events = importHar(path, &result);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(events.size(), 1);
    const Event &event = events.first();
    QCOMPARE(event.method, QByteArray("POST"));
    QCOMPARE(event.target, QByteArray("/v1/hooks?a=1"));
    QCOMPARE(event.httpVersion, QByteArray("h2"));
    QCOMPARE(event.body, QByteArray(R"({"a":1})"));
    QCOMPARE(event.headers.size(), 2);
    QCOMPARE(event.contentType, QByteArray("application/json"));
    QCOMPARE(event.response.status, 204);
    QCOMPARE(event.receivedAtMs, QDateTime(QDate(2026, 11, 20), QTime(9, 0, 1, 250), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(event.handlingUs, 12500);
    QCOMPARE(event.remoteAddress, QStringLiteral("192.0.2.7"));
}

QTEST_GUILESS_MAIN(TestHarWriter)
#include "tst_harwriter.moc"
