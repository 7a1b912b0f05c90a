#include "ExchangeSamples.h"

#include "common/RawHttpClient.h"
#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"

#include <QSignalSpy>
#include <functional>
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
    void olderExportWithoutHowImports();
    void badHowIsRefused_data();
    void badHowIsRefused();
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
    QTest::addColumn<int>("via");
    QTest::addColumn<QString>("presetTitle");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("invalid");
    QTest::newRow("cancelled by a click on a preset") << int(AnswerSource::Click) << QStringLiteral("cancel")
                                                      << int(AnswerVia::Button) << "Cancel" << QString() << false;
    QTest::newRow("accepted by its shortcut") << int(AnswerSource::Click) << QStringLiteral("accept")
                                              << int(AnswerVia::Shortcut) << "Accept unchanged" << QString() << false;
    QTest::newRow("custom answer sent anyway: invalid") << int(AnswerSource::Click) << QString()
                                                        << int(AnswerVia::SendAnyway) << QString() << QString() << true;
    QTest::newRow("default answer at the deadline") << int(AnswerSource::Deadline) << QStringLiteral("accept")
                                                    << int(AnswerVia::Unknown) << "Accept unchanged" << QString() << false;
    QTest::newRow("the local app's answer") << int(AnswerSource::LocalApp) << QString() << int(AnswerVia::Unknown)
                                            << QString() << QString() << true;
    QTest::newRow("an answer rule's 503") << int(AnswerSource::Rule) << QString() << int(AnswerVia::Unknown)
                                          << QString() << QStringLiteral("fail twice") << false;
}

void TestExchangeRoundTrip::heldHookAnswerKeepsWhoDecidedIt()
{
    QFETCH(int, source);
    QFETCH(QString, preset);
    QFETCH(int, via);
    QFETCH(QString, presetTitle);
    QFETCH(QString, rule);
    QFETCH(bool, invalid);
    QTemporaryDir dir;
    AnswerRecord record;
    record.via = AnswerVia(via);
    record.presetTitle = presetTitle;
    record.rule = rule;
    record.invalid = invalid;
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
    QCOMPARE(int(back->via), via);
    QCOMPARE(back->presetTitle, presetTitle);
    QCOMPARE(back->rule, rule);
    QCOMPARE(back->invalid, invalid);
    // The table reads the imported answer as it read the original (issue 24.9).
    const QList<EventSummary> rows = target.summaries(0, 10);
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.at(0).answer);
    QCOMPARE(int(rows.at(0).answer->via), via);
    QCOMPARE(rows.at(0).answer->invalid, invalid);
    QCOMPARE(rows.at(0).answer->presetTitle, presetTitle);
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

namespace {
// The export of one answered hook with its "answer" object's text edited by `edit`.
QString editedExport(const QTemporaryDir &dir, const std::function<void(QByteArray &)> &edit, QString *error)
{
    AnswerRecord record;
    record.source = AnswerSource::Click;
    record.via = AnswerVia::SendAnyway;
    record.presetTitle = QStringLiteral("Cancel");
    record.presetId = QStringLiteral("cancel");
    record.invalid = true;
    record.response.status = 200;
    record.afterMs = 10;
    QString file;
    if (!exportAnswered(dir, record, &file, error))
        return {};
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArray text = f.readAll();
    f.close();
    edit(text);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(text);
    return file;
}
} // namespace

void TestExchangeRoundTrip::olderExportWithoutHowImports()
{
    // A file written before "via", "presetTitle" and "invalid" existed: the answer imports,
    // with how it was given unknown.
    QTemporaryDir dir;
    QString error;
    const QString file = editedExport(dir, [](QByteArray &text) {
        QVERIFY(text.contains(R"("via":"send anyway",)"));
        text.replace(R"("via":"send anyway",)", "");
        text.replace(R"("presetTitle":"Cancel",)", "");
        text.replace(R"(,"invalid":true)", "");
        QVERIFY(!text.contains("invalid"));
    }, &error);
    QVERIFY2(!file.isEmpty(), qPrintable(error));
    EventStore target;
    QVERIFY2(target.open(dir.filePath(QStringLiteral("target.sqlite")), &error), qPrintable(error));
    const ImportResult imported = EventImporter::importInto(&target, file);
    QVERIFY2(imported.ok, qPrintable(imported.error));
    const std::optional<AnswerRecord> back = target.loadAnswer(imported.firstId);
    QVERIFY(back);
    QCOMPARE(back->source, AnswerSource::Click);
    QCOMPARE(back->presetId, QStringLiteral("cancel"));
    QCOMPARE(back->via, AnswerVia::Unknown);
    QVERIFY(back->presetTitle.isEmpty());
    QVERIFY(!back->invalid);
}

void TestExchangeRoundTrip::badHowIsRefused_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("member");
    QTest::newRow("unknown via") << QByteArray(R"("via":"send anyway")") << QByteArray(R"("via":"telepathy")")
                                 << QStringLiteral("answer.via");
    QTest::newRow("invalid not a boolean") << QByteArray(R"("invalid":true)") << QByteArray(R"("invalid":"yes")")
                                           << QStringLiteral("answer.invalid");
    QTest::newRow("preset title not a string") << QByteArray(R"("presetTitle":"Cancel")")
                                               << QByteArray(R"("presetTitle":7)") << QStringLiteral("answer.presetTitle");
}

void TestExchangeRoundTrip::badHowIsRefused()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, member);
    QTemporaryDir dir;
    QString error;
    const QString file = editedExport(dir, [&](QByteArray &text) {
        QVERIFY(text.contains(from));
        text.replace(from, to);
    }, &error);
    QVERIFY2(!file.isEmpty(), qPrintable(error));
    EventStore target;
    QVERIFY2(target.open(dir.filePath(QStringLiteral("target.sqlite")), &error), qPrintable(error));
    const ImportResult imported = EventImporter::importInto(&target, file);
    QVERIFY(!imported.ok);
    QVERIFY2(imported.error.contains(member), qPrintable(imported.error));
    QCOMPARE(target.count(), 0);
}

QTEST_GUILESS_MAIN(TestExchangeRoundTrip)
#include "tst_exchangeroundtrip.moc"
