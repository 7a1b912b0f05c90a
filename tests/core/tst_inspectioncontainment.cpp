#include "enrich/DefaultInspector.h"
#include "enrich/EnrichmentService.h"
#include "enrich/InspectionMarker.h"
#include "schema/BoundedRegex.h"
#include "schema/CompiledSchema.h"
#include "schema/InspectionBudget.h"
#include "schema/JsonParse.h"
#include "schema/Validator.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"
#include "translate/TranslationIndex.h"
#include "util/JsonNumberRange.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>

using namespace hookscope;

namespace {

Event eventWithBody(const QByteArray &body, const QByteArray &target = "/hooks")
{
    Event e;
    e.receivedAtMs = 1;
    e.method = "POST";
    e.target = target;
    e.body = body;
    e.response.status = 200;
    return e;
}

QByteArray jicooSample()
{
    QFile sample(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/jicoo.json"));
    return sample.open(QIODevice::ReadOnly) ? sample.readAll() : QByteArray();
}

// Spins until the inspection budget stops it: stands for a schema that never ends.
EventInfo endlessInspection(const Event &event)
{
    for (;;)
        InspectionBudget::check();
    return EventInfo::notInspectable(event.id, QString());
}

} // namespace

// Failure containment and the poison-pill guard of the inspection path, in process: numbers
// beyond a double, exceptions of one event's inspection, the time limit, shutdown during an
// endless inspection, the marker an earlier run left, PCRE2 limits on user patterns.
class TestInspectionContainment final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void numbersBeyondADoubleAreTamedWithTheirPointer_data();
    void numbersBeyondADoubleAreTamedWithTheirPointer();
    void parseReadsOutOfRangeNumbersAndKeepsTheirText();
    void inspectorFlagsOutOfRangeNumbersOfAKnownKind();
    void validatorAndTranslationsReadOutOfRangeNumbers();
    void oneEventsExceptionIsThatEventsResult();
    void inspectionBeyondTheTimeLimitIsStoppedAndRecorded();
    void stopEndsAnEndlessInspectionAndLeavesItForTheNextStart();
    void eventLeftMarkedIsRecordedAsNotFinished();
    void backtrackingPatternGivesUpWithTheReason();
    void patternCannotRaiseItsOwnLimits();

private:
    void store(EventRecorder &recorder, const QList<QByteArray> &bodies);
    // Every stored event has a result in the store.
    [[nodiscard]] bool allInspected() const;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestInspectionContainment::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("events.sqlite"));
}

void TestInspectionContainment::store(EventRecorder &recorder, const QList<QByteArray> &bodies)
{
    int done = 0;
    for (const QByteArray &body : bodies)
        recorder.submit(eventWithBody(body), [&done](const CaptureResult &r) { done += r.stored ? 1 : 1000; });
    QTRY_COMPARE(done, int(bodies.size()));
}

bool TestInspectionContainment::allInspected() const
{
    EventStore reader;
    QString error;
    return reader.open(m_path, &error) && reader.idsWithoutInfo().isEmpty();
}

void TestInspectionContainment::numbersBeyondADoubleAreTamedWithTheirPointer_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("tamed");
    QTest::addColumn<QStringList>("pointers");
    QTest::newRow("member 1E400") << QByteArray(R"({"a":1E400})") << QByteArray(R"({"a":1e308})") << QStringList{"/a"};
    QTest::newRow("negative, long exponent padded with spaces")
        << QByteArray("[-1e+9999]") << QByteArray("[-1e308  ]") << QStringList{"/0"};
    QTest::newRow("top-level number") << QByteArray("1e400") << QByteArray("1e308") << QStringList{""};
    QTest::newRow("400 digits") << QByteArray("[0," + QByteArray(400, '9') + "]")
                                << QByteArray("[0,1e308" + QByteArray(395, ' ') + "]") << QStringList{"/1"};
    QTest::newRow("nested, escaped key") << QByteArray(R"({"x":[{"a/b~":2e308}]})")
                                         << QByteArray(R"({"x":[{"a/b~":1e308}]})") << QStringList{"/x/0/a~1b~0"};
    QTest::newRow("underflow is left alone") << QByteArray("[1e-400]") << QByteArray("[1e-400]") << QStringList{};
    QTest::newRow("largest double is left alone") << QByteArray("[1.7976931348623157e308]")
                                                  << QByteArray("[1.7976931348623157e308]") << QStringList{};
    QTest::newRow("inside a string is text") << QByteArray(R"(["1E400 \" 1e999"])") << QByteArray(R"(["1E400 \" 1e999"])")
                                             << QStringList{};
    QTest::newRow("not a JSON number is left for the parser") << QByteArray("[01e400, 1e400e]")
                                                              << QByteArray("[01e400, 1e400e]") << QStringList{};
    QTest::newRow("after NUL the scan stops") << QByteArray("[1]\0 1e400", 10) << QByteArray("[1]\0 1e400", 10)
                                              << QStringList{};
}

void TestInspectionContainment::numbersBeyondADoubleAreTamedWithTheirPointer()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, tamed);
    QFETCH(QStringList, pointers);
    QByteArray text = json;
    const QList<OutOfRangeNumber> found = JsonNumberRange::tame(&text);
    QCOMPARE(text, tamed);
    QCOMPARE(text.size(), json.size()); // offsets after the number stay where they were
    QStringList got;
    for (const OutOfRangeNumber &n : found)
        got << n.pointer;
    QCOMPARE(got, pointers);
}

void TestInspectionContainment::parseReadsOutOfRangeNumbersAndKeepsTheirText()
{
    const JsonParse::Result parsed = JsonParse::parse(R"({"a":1E400,"b":[1,-2e999]})");
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QCOMPARE(parsed.document["a"].get<double>(), 1e308);
    QCOMPARE(parsed.document["b"][1].get<double>(), -1e308);
    QCOMPARE(parsed.outOfRange.size(), 2);
    QCOMPARE(parsed.outOfRange[0].text, QByteArray("1E400"));
    QCOMPARE(parsed.outOfRange[1].pointer, QStringLiteral("/b/1"));
    QCOMPARE(JsonNumberRange::describe(parsed.outOfRange[0]),
             QStringLiteral("number 1E400 is beyond the range of a double (±1.8e308)"));

    // A syntax error after such a number is reported where it is, not as the number.
    const JsonParse::Result broken = JsonParse::parse(R"({"a":1E400,})");
    QVERIFY(!broken.ok);
    QCOMPARE(broken.offset, qsizetype(11));
    // 123 followed by a NUL byte is not JSON.
    QVERIFY(!JsonParse::parse(QByteArray("123\0", 4)).ok);
}

void TestInspectionContainment::inspectorFlagsOutOfRangeNumbersOfAKnownKind()
{
    const EnrichmentService::Inspector inspect = defaultInspector();
    EventInfo info = inspect(eventWithBody(R"({"a":1E400})", "/x"));
    QCOMPARE(info.validity, EventInfo::Validity::Unknown); // inspected: JSON of no known kind

    QByteArray jicoo = jicooSample();
    QVERIFY(!jicoo.isEmpty());
    jicoo.insert(jicoo.indexOf('{') + 1, R"("huge": -1e+9999, )");
    info = inspect(eventWithBody(jicoo, "/hooks/jicoo"));
    QCOMPARE(info.kind, QStringLiteral("jicoo"));
    QCOMPARE(info.validity, EventInfo::Validity::Invalid);
    QVERIFY2(info.violationsJson.contains(R"("keyword":"numberRange")"), info.violationsJson.constData());
    QVERIFY2(info.violationsJson.contains(R"x("message":"number -1e+9999 is beyond the range of a double (±1.8e308)","pointer":"/huge")x"),
             info.violationsJson.constData());
}

void TestInspectionContainment::validatorAndTranslationsReadOutOfRangeNumbers()
{
    QString error;
    const auto schema = CompiledSchema::compile(R"({"type":"object","properties":{"a":{"type":"number"}}})", &error);
    QVERIFY2(schema, qPrintable(error));
    const Violations violations = Validator(schema).validate(QByteArray(R"({"a":1E400})"));
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations[0].keyword, QStringLiteral("numberRange"));
    QCOMPARE(violations[0].pointer, QStringLiteral("/a"));

    const std::optional<TranslationIndex> index
        = TranslationIndex::fromJson(R"({"n":1E400,"title":{"en":"Hi","nl":"Hoi"}})", {}, &error);
    QVERIFY2(index, qPrintable(error));
}

void TestInspectionContainment::oneEventsExceptionIsThatEventsResult()
{
    EventRecorder recorder;
    QString error;
    QVERIFY(recorder.open(m_path, &error));
    store(recorder, {"ok-1", "alloc", "throw", "ok-2"});
    EnrichmentService service(&recorder, [](const Event &event) -> EventInfo {
        if (event.body == "alloc")
            throw std::bad_alloc();
        if (event.body == "throw")
            throw std::runtime_error("the translations index broke");
        EventInfo info;
        info.validity = EventInfo::Validity::Valid;
        return info;
    });
    service.start(m_path);
    recorder.waitForPending();
    QTRY_VERIFY(allInspected());
    service.stop();
    EventStore reader;
    QVERIFY(reader.open(m_path, &error));
    const QList<EventSummary> rows = reader.summaries(0, 10);
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0].info.validity, EventInfo::Validity::Valid);
    QCOMPARE(rows[1].info.validity, EventInfo::Validity::NotInspectable);
    QCOMPARE(rows[1].info.jsonError, QStringLiteral("could not be inspected: out of memory"));
    QCOMPARE(rows[2].info.jsonError, QStringLiteral("could not be inspected: the translations index broke"));
    QCOMPARE(rows[3].info.validity, EventInfo::Validity::Valid);
}

void TestInspectionContainment::inspectionBeyondTheTimeLimitIsStoppedAndRecorded()
{
    EventRecorder recorder;
    QString error;
    QVERIFY(recorder.open(m_path, &error));
    store(recorder, {"endless", "ok"});
    EnrichmentService service(&recorder, [](const Event &event) {
        if (event.body == "endless")
            return endlessInspection(event);
        EventInfo info;
        info.validity = EventInfo::Validity::Valid;
        return info;
    });
    service.setTimeLimit(std::chrono::milliseconds(200));
    QSignalSpy enriched(&service, &EnrichmentService::enriched);
    service.start(m_path);
    QList<EventInfo> infos;
    QTRY_VERIFY([&] {
        for (const QList<QVariant> &batch : std::as_const(enriched))
            infos += batch.first().value<QList<EventInfo>>();
        enriched.clear();
        return infos.size() == 2;
    }());
    // In the order stored (the catch-up goes newest first).
    std::sort(infos.begin(), infos.end(), [](const EventInfo &a, const EventInfo &b) { return a.id < b.id; });
    QCOMPARE(infos[0].validity, EventInfo::Validity::NotInspectable);
    QCOMPARE(infos[0].jsonError, QStringLiteral("inspection took longer than 200 ms and was stopped"));
    QCOMPARE(infos[1].validity, EventInfo::Validity::Valid);
}

void TestInspectionContainment::stopEndsAnEndlessInspectionAndLeavesItForTheNextStart()
{
    EventRecorder recorder;
    QString error;
    QVERIFY(recorder.open(m_path, &error));
    store(recorder, {"endless"});
    std::atomic<bool> started{false};
    EnrichmentService service(&recorder, [&started](const Event &event) {
        started = true;
        return endlessInspection(event);
    });
    service.setTimeLimit(std::chrono::milliseconds(0)); // no limit: only stop() can end it
    service.start(m_path);
    QTRY_VERIFY(started.load());
    QElapsedTimer timer;
    timer.start();
    service.stop();
    QVERIFY2(timer.elapsed() < 2000, QByteArray::number(timer.elapsed()).constData());
    recorder.waitForPending();
    EventStore reader;
    QVERIFY(reader.open(m_path, &error));
    QCOMPARE(reader.idsWithoutInfo().size(), 1); // inspected again at the next start
    QFile marker(InspectionMarker::pathFor(m_path));
    QVERIFY(marker.open(QIODevice::ReadOnly));
    QCOMPARE(marker.readAll().trimmed().toLongLong(), 0); // not taken for a crash
}

void TestInspectionContainment::eventLeftMarkedIsRecordedAsNotFinished()
{
    EventRecorder recorder;
    QString error;
    QVERIFY(recorder.open(m_path, &error));
    store(recorder, {"poison", "ok"});
    { // As a crash leaves it: the marker names the first event, which has no result.
        QFile marker(InspectionMarker::pathFor(m_path));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("00000000000000000001\n");
    }
    QStringList inspected;
    EnrichmentService service(&recorder, [&inspected](const Event &event) {
        inspected << QString::fromUtf8(event.body);
        EventInfo info;
        info.validity = EventInfo::Validity::Valid;
        return info;
    });
    QSignalSpy enriched(&service, &EnrichmentService::enriched);
    service.start(m_path);
    recorder.waitForPending();
    QTRY_VERIFY(allInspected());
    QTRY_VERIFY(!enriched.isEmpty());
    service.stop();
    QCOMPARE(inspected, QStringList{QStringLiteral("ok")});
    EventStore reader;
    QVERIFY(reader.open(m_path, &error));
    const std::optional<EventInfo> info = reader.loadInfo(1);
    QVERIFY(info);
    QCOMPARE(info->validity, EventInfo::Validity::NotInspectable);
    QCOMPARE(info->jsonError, QStringLiteral("inspection did not finish in an earlier run"));
    QCOMPARE(enriched.first().first().value<QList<EventInfo>>().first().id, qint64(1));
}

void TestInspectionContainment::backtrackingPatternGivesUpWithTheReason()
{
    QString error;
    const auto schema = CompiledSchema::compile(
        R"({"type":"object","properties":{"s":{"type":"string","pattern":"^(a+)+$"}}})", &error);
    QVERIFY2(schema, qPrintable(error));
    const QByteArray body = R"({"s":")" + QByteArray(40, 'a') + R"(b"})";
    QElapsedTimer timer;
    timer.start();
    const Violations violations = Validator(schema).validate(body);
    const qint64 ms = timer.elapsed();
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations[0].keyword, QStringLiteral("pattern"));
    QVERIFY2(violations[0].message.contains(QLatin1String("could not be checked against the pattern ^(a+)+$: the "
                                                          "regular expression engine gave up")),
             qPrintable(violations[0].message));
    qInfo("one backtracking match gave up after %lld ms", ms);

    // Under a budget, many such strings end with the budget, not after minutes.
    QByteArray many = "[";
    for (int i = 0; i < 2000; ++i)
        many += (i ? ",\"" : "\"") + QByteArray(40, 'a') + "b\"";
    many += ']';
    const auto items = CompiledSchema::compile(R"({"items":{"type":"string","pattern":"^(a+)+$"}})", &error);
    QVERIFY2(items, qPrintable(error));
    timer.restart();
    bool stopped = false;
    try {
        const InspectionBudget::Scope budget(std::chrono::milliseconds(300), nullptr);
        (void)Validator(items).validate(many);
    } catch (const InspectionBudget::Exceeded &e) {
        stopped = !e.cancelled();
    }
    QVERIFY(stopped);
    qInfo("2000 backtracking strings stopped by a 300 ms budget after %lld ms", timer.elapsed());
}

void TestInspectionContainment::patternCannotRaiseItsOwnLimits()
{
    QString error;
    const BoundedRegex re(QStringLiteral("(*LIMIT_MATCH=100000000)(*LIMIT_DEPTH=100000000)^(a+)+$"), &error);
    QVERIFY2(re.isValid(), qPrintable(error));
    QCOMPARE(re.pattern(), QStringLiteral("(*LIMIT_MATCH=100000000)(*LIMIT_DEPTH=100000000)^(a+)+$"));
    QCOMPARE(re.match(QString(40, QLatin1Char('a')) + QLatin1Char('b')), BoundedRegex::Match::GaveUp);
    QCOMPARE(re.match(QString(40, QLatin1Char('a'))), BoundedRegex::Match::Yes);
    QCOMPARE(re.match(QStringLiteral("b")), BoundedRegex::Match::No);

    const BoundedRegex bad(QStringLiteral("a("), &error);
    QVERIFY(!bad.isValid());
    QVERIFY2(error.endsWith(QLatin1String("at offset 2")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestInspectionContainment)
#include "tst_inspectioncontainment.moc"
