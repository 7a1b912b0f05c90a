// A held Before Book hook answered with the local app's answer (--forward-answers), over real
// sockets: the hook's client → Hookscope A (holds it, forwards it) → app B (a second receiver
// whose default answer stands for the app's answer).
#include "common/RawHttpClient.h"
#include "common/Samples.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "http/Receiver.h"
#include "relay/ForwardedAnswers.h"
#include "relay/Forwarder.h"
#include "schema/SchemaRegistry.h"
#include "store/EventRecorder.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
const QByteArray kAppAnswer = R"({"cancelled":true,"cancellationReason":"from the app","removeCustomer":false})";
} // namespace

class TestForwardedAnswers final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void heldHookGetsTheAppsAnswer_data();
    void heldHookGetsTheAppsAnswer();
};

void TestForwardedAnswers::heldHookGetsTheAppsAnswer_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("appUp");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QByteArray>("expectedBody");
    QTest::addColumn<int>("expectedSource");

    QTest::newRow("on, app answers: its answer goes out")
        << true << true << 202 << kAppAnswer << int(AnswerSource::LocalApp);
    QTest::newRow("off: held until the deadline") << false << true << 200 << QByteArray() << int(AnswerSource::Deadline);
    QTest::newRow("on, app down: held until the deadline")
        << true << false << 200 << QByteArray() << int(AnswerSource::Deadline);
}

void TestForwardedAnswers::heldHookGetsTheAppsAnswer()
{
    QFETCH(bool, enabled);
    QFETCH(bool, appUp);
    QFETCH(int, expectedStatus);
    QFETCH(QByteArray, expectedBody);
    QFETCH(int, expectedSource);

    QTemporaryDir dir;
    QString error;
    // The app: answers 202 with its own body.
    EventRecorder appStore;
    QVERIFY2(appStore.open(dir.filePath(QStringLiteral("app.sqlite")), &error), qPrintable(error));
    Receiver app(&appStore);
    ReceiverConfig appConfig;
    appConfig.port = 0;
    appConfig.defaultResponse.status = 202;
    appConfig.defaultResponse.body = kAppAnswer;
    app.setConfig(appConfig);
    QVERIFY(app.start());
    const quint16 appPort = app.port();
    if (!appUp)
        app.stop();

    // Hookscope: holds Before Book hooks for 1.5 s, forwards every event to the app.
    SchemaRegistry registry;
    EventRecorder recorder;
    QVERIFY2(recorder.open(dir.filePath(QStringLiteral("a.sqlite")), &error), qPrintable(error));
    HoldDesk desk;
    HoldingSink sink(&recorder, &desk, [&registry] { return registry.catalog(); });
    HoldPolicy policy = HoldPolicy::builtIn();
    HoldRule rule = policy.rule(QStringLiteral("before-book-appointment"));
    rule.deadlineMs = 1500;
    policy.setRule(QStringLiteral("before-book-appointment"), rule);
    sink.setPolicy(policy);
    Forwarder forwarder(&recorder);
    forwarder.setTarget(QUrl(QStringLiteral("http://127.0.0.1:%1/app").arg(appPort)));
    connect(&recorder, &EventRecorder::eventsStored, &forwarder, &Forwarder::enqueue);
    ForwardedAnswers answers(&forwarder, &desk);
    answers.setEnabled(enabled);
    QSignalSpy answered(&desk, &HoldDesk::answered);
    Receiver receiver(&sink);
    ReceiverConfig config;
    config.port = 0;
    receiver.setConfig(config);
    QVERIFY(receiver.start());

    RawHttpClient hook(receiver.port());
    hook.send(post("/hooks/before-book-appointment", beforeBookSample()));
    QTRY_COMPARE_WITH_TIMEOUT(hook.responses().size(), 1, 5000);
    const RawResponse response = hook.responses().at(0);
    QCOMPARE(response.status, expectedStatus);
    if (!expectedBody.isEmpty())
        QCOMPARE(response.body, expectedBody);
    QCOMPARE(answered.count(), 1);
    QCOMPARE(int(answered.at(0).at(0).value<AnswerRecord>().source), expectedSource);
    receiver.stop();
    recorder.close();
    appStore.close();
}

QTEST_GUILESS_MAIN(TestForwardedAnswers)
#include "tst_forwardedanswers.moc"
