#include "ExchangeSamples.h"

#include "common/RawHttpClient.h"
#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace hookscope;
using namespace hookscope::test;

// Capture through a real socket → store → export → import into a new store: every field back,
// byte for byte.
class TestExchangeRoundTrip final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capturedRequestsSurviveExportAndImport_data();
    void capturedRequestsSurviveExportAndImport();
    void heldHookAnswerKeepsWhoDecidedIt_data();
    void heldHookAnswerKeepsWhoDecidedIt();
    void unknownDeciderIsRefused();
};

namespace {
// A store with one held hook answered as `record` says; the export file written from it.
bool exportAnswered(const QTemporaryDir &dir, const AnswerRecord &record, QString *file, QString *error)
{
    EventStore source;
    if (!source.open(dir.filePath(QStringLiteral("held.sqlite")), error))
        return false;
    Event event;
    event.method = "POST";
    event.target = "/hooks/before-book-appointment";
    event.body = R"({"caseId":"c1"})";
    event.receivedAtMs = 1'700'000'000'000;
    event.response = record.response;
    if (!source.insert(event, error))
        return false;
    AnswerRecord answer = record;
    answer.id = event.id;
    if (!source.saveAnswer(answer)) {
        *error = QStringLiteral("answer not saved");
        return false;
    }
    *file = dir.filePath(QStringLiteral("held.json"));
    const ExportResult exported = EventExporter(&source).exportTo(*file, EventExporter::formatForPath(*file), std::nullopt);
    *error = exported.error;
    return exported.ok;
}
} // namespace

void TestExchangeRoundTrip::heldHookAnswerKeepsWhoDecidedIt_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("preset");
    QTest::newRow("cancelled by a click on a preset") << int(AnswerSource::Click) << QStringLiteral("cancel");
    QTest::newRow("custom answer by click") << int(AnswerSource::Click) << QString();
    QTest::newRow("default answer at the deadline") << int(AnswerSource::Deadline) << QStringLiteral("accept");
    QTest::newRow("the local app's answer") << int(AnswerSource::LocalApp) << QString();
}

void TestExchangeRoundTrip::heldHookAnswerKeepsWhoDecidedIt()
{
    QFETCH(int, source);
    QFETCH(QString, preset);
    QTemporaryDir dir;
    AnswerRecord record;
    record.source = AnswerSource(source);
    record.response.status = 200;
    record.response.headers = {{"Content-Type", "application/json"}};
    record.response.body = R"({"cancelled":true})";
    record.afterMs = 8'512;
    record.presetId = preset;
    QString file;
    QString error;
    QVERIFY2(exportAnswered(dir, record, &file, &error), qPrintable(error));

    EventStore target;
    QVERIFY2(target.open(dir.filePath(QStringLiteral("target.sqlite")), &error), qPrintable(error));
    const ImportResult imported = EventImporter::importInto(&target, file);
    QVERIFY2(imported.ok, qPrintable(imported.error));
    const std::optional<AnswerRecord> back = target.loadAnswer(imported.firstId);
    QVERIFY(back);
    QCOMPARE(int(back->source), source);
    QCOMPARE(back->afterMs, record.afterMs);
    QCOMPARE(back->presetId, preset);
    QCOMPARE(back->response.body, record.response.body);
    QCOMPARE(back->describe(), [&] { AnswerRecord r = record; r.id = back->id; return r.describe(); }());
}

void TestExchangeRoundTrip::unknownDeciderIsRefused()
{
    QTemporaryDir dir;
    AnswerRecord record;
    record.source = AnswerSource::Click;
    record.response.status = 200;
    record.afterMs = 10;
    QString file;
    QString error;
    QVERIFY2(exportAnswered(dir, record, &file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    f.close();
    QVERIFY(text.contains(R"("decidedBy":"click")"));
    text.replace(R"("decidedBy":"click")", R"("decidedBy":"a robot")");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
    f.close();
    EventStore target;
    QVERIFY2(target.open(dir.filePath(QStringLiteral("target.sqlite")), &error), qPrintable(error));
    const ImportResult imported = EventImporter::importInto(&target, file);
    QVERIFY(!imported.ok);
    QVERIFY2(imported.error.contains(QStringLiteral("answer.decidedBy")), qPrintable(imported.error));
    QCOMPARE(target.count(), 0); // all or nothing
}

void TestExchangeRoundTrip::capturedRequestsSurviveExportAndImport_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("format");
    QByteArray binary = binaryBytes();
    const QByteArray binaryRequest = "POST /bin?x=%00 HTTP/1.1\r\nHost: a\r\nContent-Type: application/octet-stream\r\n"
                                     "Content-Length: " + QByteArray::number(binary.size()) + "\r\n\r\n" + binary;
    const QByteArray duplicates = "PUT /dup HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nSet-Cookie: a=1\r\nX-A: 2\r\n"
                                  "Set-Cookie: b=2\r\nX-Odd: caf\xe9\r\nContent-Length: 2\r\n\r\nok";
    const QByteArray chunked = "POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                               "Content-Type: application/json\r\n\r\n5\r\n{\"a\":\r\n3\r\n12}\r\n0\r\n\r\n";
    const QByteArray plain = R"({"gzip":"body","n":[1,2,3]})";
    const QByteArray zipped = gzip(plain);
    const QByteArray gzip = "POST /gz HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nContent-Type: application/json\r\n"
                            "Content-Length: " + QByteArray::number(zipped.size()) + "\r\n\r\n" + zipped;
    const QByteArray json = R"({"type":"appointment.created","id":1})";
    const QByteArray viaTunnel = "POST /t HTTP/1.1\r\nHost: x.ngrok.app\r\nX-Forwarded-For: 203.0.113.5\r\n"
                                 "X-Forwarded-Proto: https\r\nContent-Type: application/json\r\nContent-Length: "
                                 + QByteArray::number(json.size()) + "\r\n\r\n" + json;
    const QByteArray empty = "GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n";
    for (const char *format : {"json", "har"}) {
        const QByteArray suffix = QByteArray(" as ") + format;
        QTest::newRow("binary body" + suffix) << binaryRequest << format;
        QTest::newRow("chunked body" + suffix) << chunked << format;
        QTest::newRow("gzip body" + suffix) << gzip << format;
        QTest::newRow("forwarded JSON" + suffix) << viaTunnel << format;
        QTest::newRow("no body" + suffix) << empty << format;
    }
    QTest::newRow("duplicate and Latin-1 headers as json") << duplicates << "json";
}

void TestExchangeRoundTrip::capturedRequestsSurviveExportAndImport()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString sourcePath = dir.filePath(QStringLiteral("source.sqlite"));
    {
        EventRecorder recorder;
        QString error;
        QVERIFY2(recorder.open(sourcePath, &error), qPrintable(error));
        Receiver receiver(&recorder);
        ReceiverConfig config;
        config.port = 0;
        receiver.setConfig(config);
        QVERIFY(receiver.start());
        RawHttpClient client(receiver.port());
        client.send(wire);
        QTRY_COMPARE(client.responses().size(), 1);
        recorder.waitForPending();
        receiver.stop();
        recorder.close();
    }
    EventStore source;
    QString error;
    QVERIFY2(source.open(sourcePath, &error), qPrintable(error));
    QCOMPARE(source.count(), 1);
    const Event original = *source.load(1);

    const QString file = dir.filePath(format == QLatin1String("har") ? QStringLiteral("x.har") : QStringLiteral("x.json"));
    const ExportResult exported = EventExporter(&source).exportTo(file, EventExporter::formatForPath(file), std::nullopt);
    QVERIFY2(exported.ok, qPrintable(exported.error));

    EventStore target;
    QVERIFY2(target.open(dir.filePath(QStringLiteral("target.sqlite")), &error), qPrintable(error));
    const ImportResult imported = EventImporter::importInto(&target, file);
    QVERIFY2(imported.ok, qPrintable(imported.error));
    const std::optional<Event> back = target.load(1);
    QVERIFY(back);
    if (format == QLatin1String("json")) {
        QCOMPARE(difference(original, *back), QString());
    } else {
        // HAR carries the request and response, not Hookscope's decoded copy or forwarding details.
        QCOMPARE(back->method, original.method);
        QCOMPARE(back->target, original.target);
        QCOMPARE(serializeHeaders(back->headers), serializeHeaders(original.headers));
        QCOMPARE(back->body.toHex(), original.body.toHex());
        QCOMPARE(back->response.status, original.response.status);
        QCOMPARE(back->response.body, original.response.body);
        QCOMPARE(back->receivedAtMs, original.receivedAtMs);
    }
    QVERIFY(back->importedAtMs > 0);
}

QTEST_GUILESS_MAIN(TestExchangeRoundTrip)
#include "tst_exchangeroundtrip.moc"
