#include "ExchangeSamples.h"

#include "exchange/EventExporter.h"
#include "schema/CompiledSchema.h"
#include "schema/Validator.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace hookscope;
using namespace hookscope::test;

namespace {
std::shared_ptr<const CompiledSchema> exportSchema()
{
    static std::shared_ptr<const CompiledSchema> schema = [] {
        QString error;
        auto compiled = CompiledSchema::compile(readAll(QStringLiteral(":/export/hookscope-export.schema.json")), &error);
        if (!compiled)
            qFatal("export schema: %s", qPrintable(error));
        return compiled;
    }();
    return schema;
}

QString violationText(const Violations &violations)
{
    QStringList lines;
    for (const Violation &v : violations)
        lines << v.pointer + QStringLiteral(": ") + v.message;
    return lines.join(u'\n');
}
} // namespace

class TestExportWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void exportValidatesAgainstTheSchema_data();
    void exportValidatesAgainstTheSchema();
    void onlyTheGivenIdsAreExported();
    void everythingIsExportedAcrossIdWindows();
    void enrichmentIsExportedWithItsEvent_data();
    void enrichmentIsExportedWithItsEvent();
    void cancelLeavesNoFileAndKeepsTheOldOne();
    void unwritablePathIsAnError();

private:
    void store(const QList<Event> &events);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
};

void TestExportWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<EventStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("events.sqlite")), &error), qPrintable(error));
}

void TestExportWriter::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestExportWriter::store(const QList<Event> &events)
{
    QString error;
    QVERIFY(m_store->begin());
    for (Event event : events)
        QVERIFY2(m_store->insert(event, &error), qPrintable(error));
    QVERIFY2(m_store->commit(&error), qPrintable(error));
}

void TestExportWriter::exportValidatesAgainstTheSchema_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<QString>("bodyEncoding");
    const QHash<QString, QString> encodings = {
        {QStringLiteral("compact JSON body"), QStringLiteral("json")},
        {QStringLiteral("indented JSON body"), QStringLiteral("json")},
        {QStringLiteral("JSON body that does not re-serialise the same"), QStringLiteral("text")},
        {QStringLiteral("binary body"), QStringLiteral("base64")},
        {QStringLiteral("gzip body"), QStringLiteral("base64")},
        {QStringLiteral("chunked-origin body"), QStringLiteral("json")},
        {QStringLiteral("empty body"), QStringLiteral("text")},
        {QStringLiteral("host not first, duplicate headers"), QStringLiteral("json")},
    };
    for (const Sample &sample : samples())
        QTest::newRow(sample.name) << sample.event
                                   << encodings.value(QLatin1String(sample.name), QStringLiteral("text"));
}

void TestExportWriter::exportValidatesAgainstTheSchema()
{
    QFETCH(Event, event);
    QFETCH(QString, bodyEncoding);
    store({event});
    const QString path = m_dir->filePath(QStringLiteral("out.json"));
    EventExporter exporter(m_store.get());
    const ExportResult result = exporter.exportTo(path, ExportFormat::HookscopeJson, std::nullopt);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.written, 1);
    const QByteArray bytes = readAll(path);
    const Violations violations = Validator(exportSchema()).validate(bytes);
    QVERIFY2(violations.isEmpty(), qPrintable(violationText(violations)));
    const auto document = nlohmann::json::parse(bytes.toStdString());
    QCOMPARE(QString::fromStdString(document.at("format").get<std::string>()), QStringLiteral("hookscope-export"));
    QCOMPARE(document.at("version").get<int>(), 1);
    const auto &exported = document.at("events").at(0);
    QCOMPARE(QString::fromStdString(exported.at("request").at("body").at("encoding").get<std::string>()), bodyEncoding);
    QCOMPARE(exported.at("receivedAt").get<std::string>(), std::string("2026-11-23T01:02:03.456Z"));
    QCOMPARE(exported.at("request").at("headers").size(), size_t(event.headers.size()));
}

void TestExportWriter::onlyTheGivenIdsAreExported()
{
    QList<Event> events;
    for (const Sample &sample : samples())
        events.append(sample.event);
    store(events);
    const QString path = m_dir->filePath(QStringLiteral("some.json"));
    EventExporter exporter(m_store.get());
    const ExportResult result = exporter.exportTo(path, ExportFormat::HookscopeJson, QList<qint64>{5, 2, 999});
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.written, 2); // 999 does not exist
    const auto document = nlohmann::json::parse(readAll(path).toStdString());
    QCOMPARE(document.at("events").size(), size_t(2));
    QCOMPARE(document.at("events").at(0).at("id").get<qint64>(), 2);
    QCOMPARE(document.at("events").at(1).at("id").get<qint64>(), 5);
}

void TestExportWriter::everythingIsExportedAcrossIdWindows()
{
    const Event small = samples().at(0).event;
    store(QList<Event>(4100, small));
    QList<qint64> progress;
    EventExporter exporter(m_store.get());
    exporter.setProgress([&](qint64 done, qint64 total) {
        QCOMPARE(total, 4100);
        progress.append(done);
    });
    const QString path = m_dir->filePath(QStringLiteral("all.json"));
    const ExportResult result = exporter.exportTo(path, ExportFormat::HookscopeJson, std::nullopt);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.written, 4100);
    QCOMPARE(progress.first(), 0);
    QCOMPARE(progress.last(), 4100);
    QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    const auto document = nlohmann::json::parse(readAll(path).toStdString());
    QCOMPARE(document.at("events").size(), size_t(4100));
    QCOMPARE(document.at("events").back().at("id").get<qint64>(), 4100);
}

void TestExportWriter::enrichmentIsExportedWithItsEvent_data()
{
    QTest::addColumn<bool>("explicitIds");
    QTest::newRow("all events") << false;
    QTest::newRow("given ids") << true;
}

// The batched read joins each event's enrichment: the right one on the right event, none where none ran.
void TestExportWriter::enrichmentIsExportedWithItsEvent()
{
    QFETCH(bool, explicitIds);
    store(QList<Event>(2500, samples().at(0).event)); // more than one window
    for (const qint64 id : {2, 2001, 2500}) {
        EventInfo info;
        info.id = id;
        info.kind = QStringLiteral("kind-%1").arg(id);
        info.eventName = QStringLiteral("appointment.created");
        info.validity = EventInfo::Validity::Invalid;
        info.violationCount = 1;
        info.violationsJson = R"([{"pointer":"/data/id","message":"is not a string","keyword":"type"}])";
        QVERIFY(m_store->saveInfo(info));
    }
    const QString path = m_dir->filePath(QStringLiteral("enriched.json"));
    std::optional<QList<qint64>> ids;
    if (explicitIds)
        ids = QList<qint64>{2500, 1, 2, 2001, 2002};
    const ExportResult result = EventExporter(m_store.get()).exportTo(path, ExportFormat::HookscopeJson, ids);
    QVERIFY2(result.ok, qPrintable(result.error));
    const auto document = nlohmann::json::parse(readAll(path).toStdString());
    QCOMPARE(document.at("events").size(), size_t(explicitIds ? 5 : 2500));
    for (const auto &event : document.at("events")) {
        const qint64 id = event.at("id").get<qint64>();
        if (id == 2 || id == 2001 || id == 2500) {
            QCOMPARE(event.at("kind").get<std::string>(), "kind-" + std::to_string(id));
            QCOMPARE(event.at("eventName").get<std::string>(), std::string("appointment.created"));
            QCOMPARE(event.at("validity").get<std::string>(), std::string("invalid"));
            QCOMPARE(event.at("violations").size(), size_t(1));
            QCOMPARE(event.at("violations").at(0).at("pointer").get<std::string>(), std::string("/data/id"));
        } else {
            QVERIFY(event.at("kind").is_null());
            QCOMPARE(event.at("validity").get<std::string>(), std::string("not-checked"));
            QVERIFY(event.at("violations").empty());
        }
    }
}

void TestExportWriter::cancelLeavesNoFileAndKeepsTheOldOne()
{
    store(QList<Event>(300, samples().at(0).event));
    const QString path = m_dir->filePath(QStringLiteral("keep.json"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("previous export");
    }
    std::atomic<bool> cancel{false};
    EventExporter exporter(m_store.get());
    exporter.setCancelFlag(&cancel);
    exporter.setProgress([&](qint64 done, qint64) {
        if (done >= 128)
            cancel = true;
    });
    const ExportResult result = exporter.exportTo(path, ExportFormat::HookscopeJson, std::nullopt);
    QVERIFY(!result.ok);
    QVERIFY(result.cancelled);
    QCOMPARE(readAll(path), QByteArray("previous export"));
    const QStringList left = QDir(m_dir->path()).entryList({QStringLiteral("keep*")}, QDir::Files | QDir::Hidden);
    QCOMPARE(left, QStringList{QStringLiteral("keep.json")});

    const QString fresh = m_dir->filePath(QStringLiteral("fresh.har"));
    cancel = false;
    const ExportResult har = exporter.exportTo(fresh, ExportFormat::Har, std::nullopt);
    QVERIFY(har.cancelled);
    QVERIFY(!QFile::exists(fresh));
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("fresh*")}, QDir::Files | QDir::Hidden), QStringList());
}

void TestExportWriter::unwritablePathIsAnError()
{
    store({samples().at(0).event});
    EventExporter exporter(m_store.get());
    const ExportResult result
        = exporter.exportTo(m_dir->filePath(QStringLiteral("no/such/dir/out.json")), ExportFormat::HookscopeJson, std::nullopt);
    QVERIFY(!result.ok);
    QVERIFY(!result.cancelled);
    QVERIFY2(result.error.contains(QLatin1String("cannot write")), qPrintable(result.error));
}

QTEST_GUILESS_MAIN(TestExportWriter)
#include "tst_exportwriter.moc"
