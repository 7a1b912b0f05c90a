#include "common/HoldFixture.h"
#include "common/RawHttpClient.h"
#include "common/Samples.h"
#include "hold/AnswerBuilder.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "hold/PresetCatalog.h"
#include "http/Receiver.h"
#include "schema/EventInspector.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

// The Cubu pack over real sockets, a real store and the built-in kinds and hold policy: where
// Cubu sends a hook decides whether it is held, and every synchronous hook can be answered.
class TestCubuPack final : public QObject, protected HoldFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void afterBookPathIsAnsweredAtOnceAndShownAsAfterBook();
    void beforeBookPathIsHeld();
    void genericPathIsHeldAndShownWithTheAmbiguityNote();
    void asynchronousHookIsAnsweredAtOnce_data();
    void asynchronousHookIsAnsweredAtOnce();
    void synchronousHookIsHeldAndAnsweredByAPreset_data();
    void synchronousHookIsHeldAndAnsweredByAPreset();
    void synchronousHookWithoutPresetsIsHeldAndAnsweredByHand_data();
    void synchronousHookWithoutPresetsIsHeldAndAnsweredByHand();
    void respondRuleTakesTheVendorQualifiedKind();

private:
    [[nodiscard]] ValidationOutcome stored(qint64 id);
    [[nodiscard]] QByteArray bodyFor(const QString &kind, const QByteArray &path);
};

void TestCubuPack::init()
{
    setUp(QStringLiteral("cubu"));
}

void TestCubuPack::cleanup()
{
    tearDown();
}

// The kind's sample; a kind whose page could not be read (no sample, no URL, open schema) is
// named by a route of the user's, as the user would after seeing the path Cubu used.
QByteArray TestCubuPack::bodyFor(const QString &kind, const QByteArray &path)
{
    const auto k = m_registry->catalog()->kind(kind);
    if (!k || !k->sampleFile.isEmpty())
        return k ? readFile(k->sampleFile) : QByteArray();
    m_registry->setRoutes({{QString::fromUtf8(path), kind}});
    return R"({"sent":"by the test"})";
}

// What the window shows for a stored event: the enrichment's inspection of its body and path.
ValidationOutcome TestCubuPack::stored(qint64 id)
{
    m_recorder->close();
    EventStore store;
    QString error;
    if (!store.open(m_path, &error))
        return {};
    const std::optional<Event> event = store.load(id);
    if (!event)
        return {};
    return EventInspector(m_registry->catalog()).inspect(event->displayBody(), event->target);
}

void TestCubuPack::afterBookPathIsAnsweredAtOnceAndShownAsAfterBook()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post("/ngrok-prefix/cubu/service/actions/afterBookAppointment", beforeBookSample()));
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).status, 200);
    QCOMPARE(held.count(), 0);
    QCOMPARE(m_desk->count(), 0);
    const ValidationOutcome outcome = stored(1);
    QCOMPARE(outcome.kindId, QStringLiteral("after-book-appointment"));
    QCOMPARE(outcome.classification.reason, Classification::Reason::Route);
    QCOMPARE(outcome.status, ValidationOutcome::Status::Valid);
}

void TestCubuPack::beforeBookPathIsHeld()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post("/ngrok-prefix/cubu/service/actions/beforeBookAppointment", beforeBookSample()));
    QTRY_COMPARE(held.count(), 1);
    QCOMPARE(held.at(0).at(0).value<HeldRequest>().kind, QStringLiteral("before-book-appointment"));
    QVERIFY(hook.received().isEmpty());
    QVERIFY(m_desk->answer(held.at(0).at(0).value<HeldRequest>().id, AnswerBuilder::jsonResponse(200, "{}"),
                           AnswerSource::Click));
    QTRY_COMPARE(hook.responses().size(), 1);
}

void TestCubuPack::genericPathIsHeldAndShownWithTheAmbiguityNote()
{
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post("/hooks/booking", beforeBookSample()));
    QTRY_COMPARE(held.count(), 1);
    const HeldRequest request = held.at(0).at(0).value<HeldRequest>();
    QCOMPARE(request.kind, QStringLiteral("before-book-appointment"));
    QVERIFY(m_desk->answer(request.id, AnswerBuilder::jsonResponse(200, "{}"), AnswerSource::Click));
    QTRY_COMPARE(hook.responses().size(), 1);
    const ValidationOutcome outcome = stored(request.id);
    QCOMPARE(outcome.kindId, QStringLiteral("before-book-appointment"));
    QCOMPARE(outcome.classification.ambiguityNote(),
             QStringLiteral("before-book-appointment \u2014 same shape as after-book-appointment; route the path to decide"));
}

void TestCubuPack::asynchronousHookIsAnsweredAtOnce_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("after queue-up (by shape)") << QStringLiteral("after-queue-up") << QByteArray("/hooks/cubu/x");
    QTest::newRow("after start work") << QStringLiteral("after-start-work") << QByteArray("/c/service/actions/startWork");
    QTest::newRow("after resolve") << QStringLiteral("after-resolve") << QByteArray("/c/service/actions/afterResolve");
    QTest::newRow("before query appointments (returns no data)")
        << QStringLiteral("before-query-appointments") << QByteArray("/c/kiosk/actions/beforeQueryAppointments");
    // Pages that could not be read: open kinds, named by a route of the user's.
    QTest::newRow("after check in (user route)") << QStringLiteral("after-check-in") << QByteArray("/c/mine/afterCheckIn");
    QTest::newRow("after close (user route)") << QStringLiteral("after-close") << QByteArray("/c/mine/afterClose");
    QTest::newRow("send SMS (user route)") << QStringLiteral("send-sms") << QByteArray("/c/mine/sendSms");
}

void TestCubuPack::asynchronousHookIsAnsweredAtOnce()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, path);
    const QByteArray body = bodyFor(kind, path);
    QVERIFY(!body.isEmpty());
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(path, body));
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).status, 200);
    QCOMPARE(held.count(), 0);
    QCOMPARE(stored(1).kindId, kind);
}

void TestCubuPack::synchronousHookIsHeldAndAnsweredByAPreset_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("preset");
    const PresetCatalog presets = PresetCatalog::builtIn();
    const QList<std::pair<QString, QByteArray>> hooks{
        {QStringLiteral("before-book-appointment"), "/n/service/actions/beforeBookAppointment"},
        {QStringLiteral("before-queue-up"), "/n/service/actions/beforeQueueUp"},
    };
    for (const auto &[kind, path] : hooks) {
        QVERIFY(!presets.forKind(kind).isEmpty());
        for (const ResponsePreset &preset : presets.forKind(kind))
            QTest::newRow(qPrintable(kind + u' ' + preset.id)) << kind << path << preset.id;
    }
}

void TestCubuPack::synchronousHookIsHeldAndAnsweredByAPreset()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, path);
    QFETCH(QString, preset);
    start(HoldPolicy::builtIn());
    const auto k = m_registry->catalog()->kind(kind);
    const QByteArray body = readFile(k->sampleFile.isEmpty() ? QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/")
                                                                   + kind + QStringLiteral(".json")
                                                             : k->sampleFile);
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(path, body));
    QTRY_COMPARE(held.count(), 1);
    const HeldRequest request = held.at(0).at(0).value<HeldRequest>();
    QCOMPARE(request.kind, kind);
    QVERIFY(hook.received().isEmpty());
    const PresetCatalog presets = PresetCatalog::builtIn(); // find() points into it
    const ResponsePreset *p = presets.find(kind, preset);
    QVERIFY(p);
    const QJsonValue json = AnswerBuilder::parseRequest(body);
    const HttpResponse answer = AnswerBuilder::response(*p, json, AnswerBuilder::defaultArgument(*p, json));
    QVERIFY(m_desk->answer(request.id, answer, AnswerSource::Preset, preset));
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).status, answer.status);
    QCOMPARE(hook.responses().at(0).body, answer.body); // exactly the preset's body on the wire
}

void TestCubuPack::synchronousHookWithoutPresetsIsHeldAndAnsweredByHand_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("before resolve") << QStringLiteral("before-resolve") << QByteArray("/n/service/actions/beforeResolved");
    QTest::newRow("data table query") << QStringLiteral("data-table-query") << QByteArray("/n/dataTable/actions/query");
    // Pages whose URL and answer could not be read: open kinds, named by a route of the user's.
    QTest::newRow("before check in (user route)") << QStringLiteral("before-check-in") << QByteArray("/n/mine/beforeCheckIn");
    QTest::newRow("data table find (user route)") << QStringLiteral("data-table-find") << QByteArray("/n/mine/find");
    QTest::newRow("data table fetch (user route)") << QStringLiteral("data-table-fetch") << QByteArray("/n/mine/fetch");
}

void TestCubuPack::synchronousHookWithoutPresetsIsHeldAndAnsweredByHand()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, path);
    const QByteArray body = bodyFor(kind, path);
    QVERIFY(!body.isEmpty());
    start(HoldPolicy::builtIn());
    QSignalSpy held(m_desk, &HoldDesk::held);
    RawHttpClient hook(m_receiver->port());
    hook.send(post(path, body));
    QTRY_COMPARE(held.count(), 1);
    const HeldRequest request = held.at(0).at(0).value<HeldRequest>();
    QCOMPARE(request.kind, kind);
    QVERIFY(request.defaultPresetId.isEmpty()); // no documented answer: the receiver's default at the deadline
    const QByteArray mine = R"({"written":"by hand"})";
    QVERIFY(m_desk->answer(request.id, AnswerBuilder::jsonResponse(200, mine), AnswerSource::Click));
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).body, mine);
}

void TestCubuPack::respondRuleTakesTheVendorQualifiedKind()
{
    QString error;
    const std::optional<RespondRule> rule = RespondRule::parse(QStringLiteral("cubu/before-queue-up=status:Pending"), &error);
    QVERIFY2(rule, qPrintable(error));
    QCOMPARE(rule->kind, QStringLiteral("before-queue-up"));
    HoldPolicy policy = HoldPolicy::builtIn();
    policy.addRespond(*rule);
    start(policy);
    RawHttpClient hook(m_receiver->port());
    hook.send(post("/n/service/actions/beforeQueueUp",
                   readFile(m_registry->catalog()->kind(QStringLiteral("before-queue-up"))->sampleFile)));
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).body, QByteArray(R"({"status":"Pending"})"));
}

QTEST_GUILESS_MAIN(TestCubuPack)
#include "tst_cubupack.moc"
