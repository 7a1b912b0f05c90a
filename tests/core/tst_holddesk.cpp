#include "common/HoldFixture.h"
#include "common/RawHttpClient.h"
#include "common/Samples.h"
#include "hold/AnswerBuilder.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "http/Receiver.h"
#include "schema/SchemaRegistry.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
const QByteArray kRoute = "/hooks/before-book-appointment";
} // namespace

// HoldDesk + HoldingSink over real sockets, a real store and the built-in kinds.
class TestHoldDesk final : public QObject, protected HoldFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void heldRequestStaysOpenWhileOtherConnectionsAreAnswered();
    void recognisedByShapeWithoutTheRoute();
    void numberBeyondADoubleIsStillRecognisedByShape();
    void kindOfFindsOnlyActiveKinds_data();
    void kindOfFindsOnlyActiveKinds();
    void kindOfFollowsPolicyChanges();
    void unknownKindIsHeldWhenAsked_data();
    void unknownKindIsHeldWhenAsked();
    void unknownRequestIsHeldOverASocket();
    void answerIsExactlyTheBodyTheClientReceives();
    void pipelinedRequestBehindAHeldOneWaitsForIt();
    void deadlineSendsTheDefaultAnswer();
    void clientThatDisconnectsIsRecordedAndNothingSent();
    void respondPresetAnswersAtOnce_data();
    void respondPresetAnswersAtOnce();
    void kindSwitchedToAnswerAtOnceIsNotHeld();
    void answeringTwiceSendsOnce();
    void shutdownAnswersWhatIsHeld();

private:
    [[nodiscard]] std::optional<AnswerRecord> storedAnswer(qint64 id);
};

void TestHoldDesk::init()
{
    setUp(QStringLiteral("hold"));
}

void TestHoldDesk::cleanup()
{
    tearDown();
}

std::optional<AnswerRecord> TestHoldDesk::storedAnswer(qint64 id)
{
    m_recorder->close(); // writes the queued answers
    EventStore store;
    QString error;
    if (!store.open(m_path, &error))
        return std::nullopt;
    return store.loadAnswer(id);
}

void TestHoldDesk::heldRequestStaysOpenWhileOtherConnectionsAreAnswered()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(kRoute, beforeBookSample()));
    QTRY_COMPARE(held.count(), 1);
    const auto request = held.at(0).at(0).value<HeldRequest>();
    QCOMPARE(request.kind, QStringLiteral("before-book-appointment"));
    QVERIFY(request.id > 0);
    QCOMPARE(request.deadlineAtMs - request.receivedAtMs, 10'000);
    QVERIFY(m_desk->isHeld(request.id));

    RawHttpClient other(m_receiver->port());
    other.send(post("/other", R"({"a":1})"));
    QTRY_COMPARE(other.responses().size(), 1);
    QCOMPARE(other.responses().at(0).status, 200);
    QTest::qWait(50);
    QVERIFY(hook.received().isEmpty());
    QVERIFY(hook.isConnected());
}

void TestHoldDesk::recognisedByShapeWithoutTheRoute()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post("/anything", beforeBookSample()));
    QTRY_COMPARE(held.count(), 1);
    QCOMPARE(held.at(0).at(0).value<HeldRequest>().kind, QStringLiteral("before-book-appointment"));
}

// A number beyond a double (valid JSON; Qt's parser calls it an illegal number) in a hook that
// is recognised by its shape: still held as its kind (issue 19).
void TestHoldDesk::numberBeyondADoubleIsStillRecognisedByShape()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    QByteArray body = beforeBookSample();
    body.insert(body.indexOf('{') + 1, R"("extra": 1E400, )");
    hook.send(post("/anything", body));
    QTRY_COMPARE(held.count(), 1);
    QCOMPARE(held.at(0).at(0).value<HeldRequest>().kind, QStringLiteral("before-book-appointment"));
}

void TestHoldDesk::kindOfFindsOnlyActiveKinds_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("kind");
    const auto read = [](const char *name) { return sampleFile(QLatin1String(name)); };
    QJsonObject partial = QJsonDocument::fromJson(beforeBookSample()).object();
    for (const char *member : {"referenceDate", "unitId", "serviceId", "serviceCategoryId", "status", "language"})
        partial.remove(QLatin1String(member));
    // Sorted first when serialised: a scanner that took an escaped quote, or a quote after an
    // escaped backslash, for the end of the string would read every name after it as a value.
    QJsonObject escaped = QJsonDocument::fromJson(beforeBookSample()).object();
    escaped.insert(QStringLiteral("aaNote"), QStringLiteral(R"(he wrote "caseId: 1)"));
    escaped.insert(QStringLiteral("aaPath"), QStringLiteral(R"(C:\)"));
    QTest::newRow("sample by route") << QByteArray(kRoute) << beforeBookSample() << QStringLiteral("before-book-appointment");
    QTest::newRow("sample by shape") << QByteArray("/x") << beforeBookSample() << QStringLiteral("before-book-appointment");
    QTest::newRow("sample with members missing, discriminators kept")
        << QByteArray("/x") << QJsonDocument(partial).toJson() << QStringLiteral("before-book-appointment");
    QTest::newRow("escaped quotes and backslashes in values")
        << QByteArray("/x") << QJsonDocument(escaped).toJson(QJsonDocument::Compact)
        << QStringLiteral("before-book-appointment");
    QTest::newRow("callback request is not held") << QByteArray("/x") << read("callback-request.json") << QString();
    QTest::newRow("jicoo is not held") << QByteArray("/x") << read("jicoo.json") << QString();
    QTest::newRow("hoopai is not held") << QByteArray("/x") << read("hoopai.appointment-update.json") << QString();
    QTest::newRow("not json") << QByteArray("/x") << QByteArray("caseId=1&cuIndex=2") << QString();
    QTest::newRow("json array") << QByteArray("/x") << QByteArray("[{\"caseId\": 1}]") << QString();
}

void TestHoldDesk::kindOfFindsOnlyActiveKinds()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, kind);
    Event event;
    event.method = "POST";
    event.target = target;
    event.body = body;
    QCOMPARE(m_sink->kindOf(event), kind);
}

// The name pre-check is built once per policy: a changed policy must rebuild it.
void TestHoldDesk::kindOfFollowsPolicyChanges()
{
    Event event;
    event.method = "POST";
    event.target = "/x";
    event.body = beforeBookSample();
    const QString kind = QStringLiteral("before-book-appointment");
    HoldPolicy none = HoldPolicy::builtIn();
    HoldRule rule = none.rule(kind);
    rule.hold = false;
    none.setRule(kind, rule);

    QCOMPARE(m_sink->kindOf(event), kind);
    m_sink->setPolicy(none);
    QCOMPARE(m_sink->kindOf(event), QString());
    m_sink->setPolicy(HoldPolicy::builtIn());
    QCOMPARE(m_sink->kindOf(event), kind);
}

// Settings › Holding › unknown (issue 24.18): what no kind claims is held; a known kind that
// is not held, and a form (its own kind), are not.
void TestHoldDesk::unknownKindIsHeldWhenAsked_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("kind");
    QTest::newRow("plain text") << QByteArray("POST") << QByteArray("text/plain") << QByteArray("hello") << "unknown";
    QTest::newRow("json of no kind") << QByteArray("POST") << QByteArray("application/json")
                                     << QByteArray(R"({"anything": 1})") << "unknown";
    QTest::newRow("json array") << QByteArray("POST") << QByteArray("application/json") << QByteArray("[1]")
                                << "unknown";
    QTest::newRow("a ping without a body") << QByteArray("GET") << QByteArray() << QByteArray() << "unknown";
    QTest::newRow("a form is of the form kind") << QByteArray("POST") << QByteArray("application/x-www-form-urlencoded")
                                                << QByteArray("a=1&b=2") << QString();
    QTest::newRow("jicoo is a kind, not held") << QByteArray("POST") << QByteArray("application/json")
                                               << sampleFile(QStringLiteral("jicoo.json")) << QString();
    QTest::newRow("before book is still itself") << QByteArray("POST") << QByteArray("application/json")
                                                 << beforeBookSample() << "before-book-appointment";
}

void TestHoldDesk::unknownKindIsHeldWhenAsked()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, kind);
    HoldPolicy policy = HoldPolicy::builtIn();
    HoldRule rule;
    rule.hold = true;
    policy.setRule(HoldPolicy::unknownKind(), rule);
    m_sink->setPolicy(policy);
    Event event;
    event.method = method;
    event.target = "/x";
    event.contentType = contentType;
    event.body = body;
    QCOMPARE(m_sink->kindOf(event), kind);
    m_sink->setPolicy(HoldPolicy::builtIn()); // not asked: nothing unknown is held
    QCOMPARE(m_sink->kindOf(event), kind == QLatin1String("unknown") ? QString() : kind);
}

void TestHoldDesk::unknownRequestIsHeldOverASocket()
{
    HoldPolicy policy = HoldPolicy::builtIn();
    HoldRule rule;
    rule.hold = true;
    rule.deadlineMs = 300;
    policy.setRule(HoldPolicy::unknownKind(), rule);
    start(policy);
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient slow(m_receiver->port());
    slow.send(post("/slow", "hello", "Content-Type: text/plain\r\n"));
    QTRY_COMPARE(held.count(), 1);
    QCOMPARE(held.at(0).at(0).value<HeldRequest>().kind, QStringLiteral("unknown"));
    QVERIFY(slow.received().isEmpty()); // a slow server: nothing yet
    QTRY_COMPARE(slow.responses().size(), 1); // the receiver's default answer at the deadline
    QCOMPARE(slow.responses().at(0).status, 200);
}

void TestHoldDesk::answerIsExactlyTheBodyTheClientReceives()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    QSignalSpy answered(m_desk, &HoldDesk::answered);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(kRoute, beforeBookSample()));
    QTRY_COMPARE(held.count(), 1);
    const qint64 id = held.at(0).at(0).value<HeldRequest>().id;
    const QByteArray body = R"({"cancelled":true,"cancellationReason":"Fully booked","removeCustomer":false,"useCustomerContactInfo":false})";
    QVERIFY(m_desk->answer(id, AnswerBuilder::jsonResponse(200, body), AnswerSource::Click, QStringLiteral("custom")));
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).status, 200);
    QCOMPARE(hook.responses().at(0).body, body);
    QCOMPARE(hook.responses().at(0).header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(answered.count(), 1);
    const auto record = answered.at(0).at(0).value<AnswerRecord>();
    QCOMPARE(record.source, AnswerSource::Click);
    QVERIFY(record.afterMs >= 0);
    QVERIFY(!m_desk->isHeld(id));
    {
        // Written right away, while the recorder keeps running (not only at close).
        EventStore reader;
        QString error;
        QVERIFY2(reader.open(m_path, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(reader.loadAnswer(id).has_value(), 400); // the idle tick is 1 s
    }

    const std::optional<AnswerRecord> stored = storedAnswer(id);
    QVERIFY(stored);
    QCOMPARE(stored->source, AnswerSource::Click);
    QCOMPARE(stored->response.body, body);
    EventStore store;
    QString error;
    QVERIFY(store.open(m_path, &error));
    const std::optional<Event> event = store.load(id);
    QVERIFY(event);
    QCOMPARE(event->response.status, 200);
    QCOMPARE(event->response.body, body); // the answer sent, not the default
    const QList<EventSummary> rows = store.summaries(0, 10);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).responseStatus, 200);
}

void TestHoldDesk::pipelinedRequestBehindAHeldOneWaitsForIt()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(kRoute, beforeBookSample()) + post("/second", "{}"));
    QTRY_COMPARE(held.count(), 1);
    QTest::qWait(100);
    QVERIFY(hook.received().isEmpty()); // HTTP order: the second waits for the first
    const qint64 id = held.at(0).at(0).value<HeldRequest>().id;
    QVERIFY(m_desk->answer(id, AnswerBuilder::jsonResponse(409, "{}"), AnswerSource::Click));
    QTRY_COMPARE(hook.responses().size(), 2);
    QCOMPARE(hook.responses().at(0).status, 409);
    QCOMPARE(hook.responses().at(1).status, 200);
    QCOMPARE(hook.responses().at(1).body, QByteArray(R"({"ok":true})"));
}

void TestHoldDesk::deadlineSendsTheDefaultAnswer()
{
    HoldPolicy policy = HoldPolicy::builtIn();
    HoldRule rule = policy.rule(QStringLiteral("before-book-appointment"));
    rule.deadlineMs = 300;
    policy.setRule(QStringLiteral("before-book-appointment"), rule);
    start(policy);
    QSignalSpy answered(m_desk, &HoldDesk::answered);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(kRoute, beforeBookSample()));
    QTRY_COMPARE(hook.responses().size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(hook.responses().at(0).body).object();
    QCOMPARE(body.value(QStringLiteral("cancelled")), QJsonValue(false));
    QCOMPARE(body.value(QStringLiteral("removeCustomer")), QJsonValue(false));
    QVERIFY(body.value(QStringLiteral("fields")).isNull());
    QCOMPARE(answered.count(), 1);
    const auto record = answered.at(0).at(0).value<AnswerRecord>();
    QCOMPARE(record.source, AnswerSource::Deadline);
    QCOMPARE(record.presetId, QStringLiteral("accept"));
    QVERIFY2(record.afterMs >= 250, qPrintable(QString::number(record.afterMs)));
    const std::optional<AnswerRecord> stored = storedAnswer(record.id);
    QVERIFY(stored);
    QCOMPARE(stored->source, AnswerSource::Deadline);
}

void TestHoldDesk::clientThatDisconnectsIsRecordedAndNothingSent()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    QSignalSpy answered(m_desk, &HoldDesk::answered);
    auto *hook = new RawHttpClient(m_receiver->port(), this);
    hook->send(post(kRoute, beforeBookSample()));
    QTRY_COMPARE(held.count(), 1);
    const qint64 id = held.at(0).at(0).value<HeldRequest>().id;
    hook->socket().abort();
    delete hook;
    QTRY_COMPARE(answered.count(), 1);
    const auto record = answered.at(0).at(0).value<AnswerRecord>();
    QCOMPARE(record.source, AnswerSource::ClientGone);
    QVERIFY(!record.sent());
    QVERIFY(!m_desk->isHeld(id));
    QVERIFY(!m_desk->answer(id, AnswerBuilder::jsonResponse(200, "{}"), AnswerSource::Click));
    const std::optional<AnswerRecord> stored = storedAnswer(id);
    QVERIFY(stored);
    QCOMPARE(stored->source, AnswerSource::ClientGone);
    QCOMPARE(stored->response.status, 0);
}

void TestHoldDesk::respondPresetAnswersAtOnce_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("cancel with the reason given") << QStringLiteral("before-book-appointment=cancel:Slot no longer available")
                                                  << QStringLiteral("cancellationReason")
                                                  << QJsonValue(QStringLiteral("Slot no longer available"));
    QTest::newRow("cancel with its default reason") << QStringLiteral("before-book-appointment=cancel")
                                                    << QStringLiteral("cancelled") << QJsonValue(true);
    QTest::newRow("set customer from the request") << QStringLiteral("before-book-appointment=set-customer")
                                                   << QStringLiteral("customerRecordId")
                                                   << QJsonValue(QStringLiteral("f2a7c9e1-8b4d-4c3f-a6e2-1d0b9c5e7a48"));
    QTest::newRow("remove customer") << QStringLiteral("before-book-appointment=remove-customer")
                                     << QStringLiteral("removeCustomer") << QJsonValue(true);
}

void TestHoldDesk::respondPresetAnswersAtOnce()
{
    QFETCH(QString, rule);
    QFETCH(QString, member);
    QFETCH(QJsonValue, expected);
    HoldPolicy policy = HoldPolicy::builtIn();
    QString error;
    const std::optional<RespondRule> parsed = RespondRule::parse(rule, &error);
    QVERIFY2(parsed, qPrintable(error));
    policy.addRespond(*parsed);
    start(policy);
    QSignalSpy held(m_desk, &HoldDesk::held);
    QSignalSpy answered(m_desk, &HoldDesk::answered);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(kRoute, beforeBookSample()));
    QTRY_COMPARE(hook.responses().size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(hook.responses().at(0).body).object();
    QCOMPARE(body.value(member), expected);
    QCOMPARE(held.count(), 0);
    QTRY_COMPARE(answered.count(), 1);
    const auto record = answered.at(0).at(0).value<AnswerRecord>();
    QCOMPARE(record.source, AnswerSource::Preset);
    QCOMPARE(record.response.body, hook.responses().at(0).body);
}

void TestHoldDesk::kindSwitchedToAnswerAtOnceIsNotHeld()
{
    HoldPolicy policy = HoldPolicy::builtIn();
    HoldRule rule = policy.rule(QStringLiteral("before-book-appointment"));
    rule.hold = false;
    policy.setRule(QStringLiteral("before-book-appointment"), rule);
    QVERIFY(!policy.activeKinds().contains(QStringLiteral("before-book-appointment")));
    start(policy);
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(kRoute, beforeBookSample()));
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).body, QByteArray(R"({"ok":true})"));
    QCOMPARE(held.count(), 0);
}

void TestHoldDesk::answeringTwiceSendsOnce()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(kRoute, beforeBookSample()));
    QTRY_COMPARE(held.count(), 1);
    const qint64 id = held.at(0).at(0).value<HeldRequest>().id;
    QVERIFY(m_desk->answer(id, AnswerBuilder::jsonResponse(200, "{\"n\":1}"), AnswerSource::Click));
    QVERIFY(!m_desk->answer(id, AnswerBuilder::jsonResponse(200, "{\"n\":2}"), AnswerSource::Click));
    QTRY_COMPARE(hook.responses().size(), 1);
    QTest::qWait(50);
    QCOMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).body, QByteArray("{\"n\":1}"));
}

void TestHoldDesk::shutdownAnswersWhatIsHeld()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    QSignalSpy answered(m_desk, &HoldDesk::answered);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(kRoute, beforeBookSample()));
    QTRY_COMPARE(held.count(), 1);
    m_desk->answerAll(AnswerSource::Shutdown);
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(answered.at(0).at(0).value<AnswerRecord>().source, AnswerSource::Shutdown);
    QCOMPARE(m_desk->count(), 0);
}

QTEST_GUILESS_MAIN(TestHoldDesk)
#include "tst_holddesk.moc"
