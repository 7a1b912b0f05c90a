#include "ExchangeSamples.h"

#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"
#include "exchange/ImportReader.h"

#include <QBuffer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
// A read-only device over bytes that records every read the reader asks for: how much it
// asked for at most, and how much it has been handed so far.
class CountingDevice final : public QIODevice
{
public:
    explicit CountingDevice(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
    }
    qint64 delivered = 0;
    qint64 largestRequest = 0;

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        largestRequest = qMax(largestRequest, maxSize);
        const qint64 n = qMin(maxSize, qint64(m_bytes.size()) - delivered);
        std::memcpy(data, m_bytes.constData() + delivered, size_t(n));
        delivered += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
};

QList<Event> manyEvents(int count)
{
    QList<Event> events;
    for (int i = 0; i < count; ++i) {
        Event event = samples().at(i % 3).event;
        event.body += QByteArray(i % 5 == 0 ? 3000 : 200, ' '); // events of different sizes
        event.receivedAtMs += i;
        events.append(event);
    }
    return events;
}
} // namespace

class TestImportReader final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void roundTripIsByteForByte_data();
    void roundTripIsByteForByte();
    void corruptFileIsRefusedWithPositionAndImportsNothing_data();
    void corruptFileIsRefusedWithPositionAndImportsNothing();
    void foreignOrBrokenFileIsRefused_data();
    void foreignOrBrokenFileIsRefused();
    void readsEventByEventWithoutKeepingThem();
    void readsAtMostOneChunkAheadOfTheEvent();
    void cancelRollsBackEverything();
    void progressCountsBytesRead();
    void missingFileIsUnreadable();

private:
    QString exportAll(const QList<Event> &events);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_target;
};

void TestImportReader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_target = std::make_unique<EventStore>();
    QString error;
    QVERIFY2(m_target->open(m_dir->filePath(QStringLiteral("target.sqlite")), &error), qPrintable(error));
    // Something already there: a refused import must leave it alone.
    Event existing = samples().at(0).event;
    QVERIFY2(m_target->insert(existing, &error), qPrintable(error));
}

void TestImportReader::cleanup()
{
    m_target.reset();
    m_dir.reset();
}

QString TestImportReader::exportAll(const QList<Event> &events)
{
    EventStore source;
    QString error;
    const QString sourcePath = m_dir->filePath(QStringLiteral("source-%1.sqlite").arg(QDateTime::currentMSecsSinceEpoch()));
    if (!source.open(sourcePath, &error))
        qFatal("%s", qPrintable(error));
    if (!source.begin())
        qFatal("cannot start a transaction");
    for (Event event : events) {
        if (!source.insert(event, &error))
            qFatal("%s", qPrintable(error));
    }
    if (!source.commit(&error))
        qFatal("%s", qPrintable(error));
    const QString path = m_dir->filePath(QStringLiteral("export.json"));
    const ExportResult result = EventExporter(&source).exportTo(path, ExportFormat::HookscopeJson, std::nullopt);
    if (!result.ok)
        qFatal("%s", qPrintable(result.error));
    return path;
}

void TestImportReader::roundTripIsByteForByte_data()
{
    QTest::addColumn<Event>("event");
    for (const Sample &sample : samples())
        QTest::newRow(sample.name) << sample.event;
}

void TestImportReader::roundTripIsByteForByte()
{
    QFETCH(Event, event);
    const QString path = exportAll({event, event});
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const ImportResult result = EventImporter::importInto(m_target.get(), path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.imported, 2);
    QCOMPARE(m_target->count(), 3);
    for (const qint64 id : {2, 3}) {
        const std::optional<Event> imported = m_target->load(id);
        QVERIFY(imported);
        QCOMPARE(difference(event, *imported), QString());
        QVERIFY(imported->importedAtMs >= before);
        QCOMPARE(imported->receivedAtMs, event.receivedAtMs); // the original time is kept
    }
    QVERIFY(m_target->summaries(1, 10).at(0).imported);
    QVERIFY(!m_target->summaries(0, 1).at(0).imported);
    QCOMPARE(m_target->load(1)->importedAtMs, 0);
}

void TestImportReader::corruptFileIsRefusedWithPositionAndImportsNothing_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<double>("where");
    QTest::addColumn<QString>("expected");
    QTest::newRow("cut after the header") << "cut" << 0.05 << "byte";
    QTest::newRow("cut in the first third") << "cut" << 0.33 << "line";
    QTest::newRow("cut in the last third") << "cut" << 0.8 << "line";
    QTest::newRow("cut before the final brace") << "cut" << 0.999 << "byte";
    QTest::newRow("stray byte in the middle") << "garble" << 0.5 << "byte";
    QTest::newRow("stray byte near the end") << "garble" << 0.95 << "byte";
    QTest::newRow("junk after the document") << "append" << 1.0 << "end of input";
}

void TestImportReader::corruptFileIsRefusedWithPositionAndImportsNothing()
{
    QFETCH(QString, how);
    QFETCH(double, where);
    QFETCH(QString, expected);
    QList<Event> events;
    for (const Sample &sample : samples())
        events.append(sample.event);
    QByteArray bytes = readAll(exportAll(events));
    const qsizetype at = qsizetype(double(bytes.size()) * where);
    if (how == QLatin1String("cut"))
        bytes.truncate(qMin(at, bytes.size() - 2));
    else if (how == QLatin1String("garble"))
        bytes.insert(at, "\x01}]", 3);
    else
        bytes.append("{}");
    const QString path = m_dir->filePath(QStringLiteral("corrupt.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();

    const ImportResult result = EventImporter::importInto(m_target.get(), path);
    QVERIFY(!result.ok);
    QVERIFY(!result.unreadable);
    QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    QVERIFY2(result.error.contains(QLatin1String("byte")), qPrintable(result.error));
    QCOMPARE(m_target->count(), 1); // nothing of it was stored
    QCOMPARE(m_target->maxId(), 1);
}

void TestImportReader::foreignOrBrokenFileIsRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    const QByteArray head = R"({"format":"hookscope-export","version":1,"events":[)";
    const QByteArray good = R"({"receivedAtMs":1,"request":{"method":"GET","target":"/","httpVersion":"1.1","headers":[],"body":{"encoding":"text","text":"","size":0}},"response":{"status":200,"headers":[],"body":{"encoding":"text","text":"","size":0}}})";
    QTest::newRow("empty file") << QByteArray() << "unexpected end of input";
    QTest::newRow("not JSON") << QByteArray("hello") << "not valid JSON";
    QTest::newRow("an array") << QByteArray("[1,2]") << "not a JSON object";
    QTest::newRow("some other JSON") << QByteArray(R"({"foo":1,"events":[]})") << "not a Hookscope export";
    QTest::newRow("another format") << QByteArray(R"({"format":"other","version":1,"events":[]})")
                                    << "\"format\" is \"other\"";
    QTest::newRow("a newer version") << QByteArray(R"({"format":"hookscope-export","version":2,"events":[]})")
                                     << "version 2";
    QTest::newRow("no version") << QByteArray(R"({"format":"hookscope-export","events":[]})") << "\"version\" is missing";
    QTest::newRow("no events") << QByteArray(R"({"format":"hookscope-export","version":1})") << "\"events\" is missing";
    QTest::newRow("event without request") << head + R"({"receivedAtMs":1}]})" << "event 0 (ending at byte";
    QTest::newRow("second event with a bad header")
        << head + good + "," + QByteArray(good).replace(R"("headers":[])", R"("headers":[{"name":"A","value":7}])") + "]}"
        << "event 1 (ending at byte";
    QTest::newRow("bad base64") << head + QByteArray(good).replace(R"("text":"","size":0)", R"("x":1)").replace(R"("encoding":"text","x":1)", R"("encoding":"base64","base64":"!!")") + "]}"
                                << "not valid base64";
    QTest::newRow("body size that does not match")
        << head + QByteArray(good).replace(R"("text":"","size":0)", R"("text":"abc","size":2)") + "]}" << "\"size\" says 2";
    QTest::newRow("event that is a number") << head + "1]}" << "event 0 (ending at byte";
    QTest::newRow("nested too deep") << head + QByteArray(300, '[') << "nested deeper";
    QTest::newRow("HAR without entries") << QByteArray(R"({"log":{"version":"1.2"}})") << "log.entries";
    // Replay would write these verbatim: a hidden second request (issue 20).
    QTest::newRow("CR LF in the method")
        << head + good + "," + QByteArray(good).replace(R"("method":"GET")", R"("method":"GET / HTTP/1.1\r\n\r\nDELETE")") + "]}"
        << "event 1 (ending at byte 521): request method holds a carriage return (CR)";
    QTest::newRow("LF in the target")
        << head + QByteArray(good).replace(R"("target":"/")", R"("target":"/a\nDELETE /api/users/1")") + "]}"
        << "event 0 (ending at byte 295): request target holds a line feed (LF)";
    QTest::newRow("NUL in a header name")
        << head + QByteArray(good).replace(R"("headers":[])", R"("headers":[{"name":"A","value":"1"},{"name":"B\u0000","value":"2"}])") + "]}"
        << "request header 1 name holds a NUL byte";
    QTest::newRow("CR LF in a header value")
        << head + QByteArray(good).replace(R"("headers":[])", R"("headers":[{"name":"X-A","value":"1\r\nContent-Length: 0"}])") + "]}"
        << "request header 0 (X-A) value holds a carriage return (CR)";
    QTest::newRow("CR LF in a HAR entry's header")
        << QByteArray(R"({"log":{"version":"1.2","entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"POST","url":"http://h/a","httpVersion":"HTTP/1.1","headers":[{"name":"X-A","value":"1\r\nTransfer-Encoding: chunked"}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[],"cookies":[],"content":{"size":0,"mimeType":"text/plain","text":""},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":0,"receive":0}}]}})")
        << "request header 0 (X-A) value holds a carriage return (CR)";
}

void TestImportReader::foreignOrBrokenFileIsRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QBuffer buffer(&content);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    ImportReader reader(1);
    int stored = 0;
    QVERIFY(!reader.read(&buffer, [&](Event &, QString *) { return ++stored > 0; }));
    QVERIFY2(reader.error().contains(expected), qPrintable(reader.error()));

    const QString path = m_dir->filePath(QStringLiteral("foreign.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const ImportResult result = EventImporter::importInto(m_target.get(), path);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, reader.error());
    QCOMPARE(m_target->count(), 1);
}

void TestImportReader::readsEventByEventWithoutKeepingThem()
{
    QList<Event> events;
    for (const Sample &sample : samples())
        events.append(sample.event);
    QFile file(exportAll(events));
    QVERIFY(file.open(QIODevice::ReadOnly));
    ImportReader reader(77);
    QList<QByteArray> targets;
    QVERIFY2(reader.read(&file,
                         [&](Event &event, QString *) {
                             targets.append(event.target);
                             return event.importedAtMs == 77;
                         }),
             qPrintable(reader.error()));
    QCOMPARE(reader.format(), ImportReader::Format::HookscopeExport);
    QCOMPARE(reader.eventCount(), events.size());
    QCOMPARE(targets.size(), events.size());
    QCOMPARE(targets.first(), events.first().target);

    // A sink that refuses stops the reading with its reason.
    QVERIFY(file.seek(0));
    QVERIFY(!reader.read(&file, [](Event &, QString *error) {
        *error = QStringLiteral("disk full");
        return false;
    }));
    QCOMPARE(reader.error(), QStringLiteral("event 0: disk full"));
}

void TestImportReader::readsAtMostOneChunkAheadOfTheEvent()
{
    // The export puts one event per line: event k ends where line k + 1 begins.
    const QByteArray bytes = readAll(exportAll(manyEvents(3000)));
    QList<qint64> lineEnds;
    for (qsizetype i = bytes.indexOf('\n'); i >= 0; i = bytes.indexOf('\n', i + 1))
        lineEnds.append(i);
    QVERIFY(bytes.size() > 8 * 64 * 1024);
    CountingDevice device(bytes);
    QVERIFY(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    ImportReader reader(1);
    qint64 index = 0;
    qint64 furthestAhead = 0;
    QVERIFY2(reader.read(&device,
                         [&](Event &, QString *) {
                             // Handed over as soon as it is complete: what was read beyond its end
                             // is at most the rest of the one chunk it ended in.
                             const qint64 end = lineEnds.at(index + 1);
                             furthestAhead = qMax(furthestAhead, device.delivered - end);
                             ++index;
                             return true;
                         }),
             qPrintable(reader.error()));
    QCOMPARE(index, 3000);
    QCOMPARE(device.delivered, qint64(bytes.size()));
    QCOMPARE(device.largestRequest, qint64(64 * 1024));
    QVERIFY2(furthestAhead <= 64 * 1024, qPrintable(QString::number(furthestAhead)));
}

void TestImportReader::cancelRollsBackEverything()
{
    const QString path = exportAll(manyEvents(2000));
    std::atomic<bool> cancel = false;
    ImportControl control;
    control.cancel = &cancel;
    qint64 atCancel = 0;
    control.progress = [&](qint64 done, qint64 total) {
        if (done > total / 2 && !cancel) {
            atCancel = m_target->count();
            cancel = true;
        }
    };
    const ImportResult result = EventImporter::importInto(m_target.get(), path, control);
    QVERIFY(!result.ok);
    QVERIFY(result.cancelled);
    QCOMPARE(result.error, QStringLiteral("cancelled"));
    QVERIFY2(atCancel > 500, qPrintable(QString::number(atCancel))); // it was mid-way
    QCOMPARE(m_target->count(), 1);
    QCOMPARE(m_target->maxId(), 1);
}

void TestImportReader::progressCountsBytesRead()
{
    const QString path = exportAll(manyEvents(1000));
    const qint64 size = QFileInfo(path).size();
    QList<qint64> seen;
    ImportControl control;
    control.progress = [&](qint64 done, qint64 total) {
        QCOMPARE(total, size);
        seen.append(done);
    };
    const ImportResult result = EventImporter::importInto(m_target.get(), path, control);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.imported, 1000);
    QCOMPARE(result.firstId, 2);
    QCOMPARE(result.lastId, 1001);
    QVERIFY(seen.size() > 10);
    QCOMPARE(seen.first(), 0);
    QCOMPARE(seen.last(), size);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
}

void TestImportReader::missingFileIsUnreadable()
{
    const ImportResult result = EventImporter::importInto(m_target.get(), m_dir->filePath(QStringLiteral("nope.json")));
    QVERIFY(!result.ok);
    QVERIFY(result.unreadable);
    QVERIFY2(result.error.contains(QLatin1String("cannot open")), qPrintable(result.error));
}

QTEST_GUILESS_MAIN(TestImportReader)
#include "tst_importreader.moc"
