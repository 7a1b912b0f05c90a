// The receiver with an EndpointGuard, through real sockets and a real store: refused requests
// are answered 401/404 with the reason, still recorded (flagged), and never get a hook's answer.
#include "common/RawHttpClient.h"
#include "common/ReceiverFixture.h"
#include "event/CaptureSink.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// Stands for a hook with a custom answer (a held request, a preset): every stored event is
// offered a 202 "custom" response.
class CustomAnswerSink final : public CaptureSink
{
public:
    explicit CustomAnswerSink(EventRecorder *recorder)
        : m_recorder(recorder)
    {
    }
    void submit(Event event, CaptureDone done) override
    {
        m_recorder->submit(std::move(event), [done = std::move(done)](const CaptureResult &result) {
            CaptureResult custom = result;
            HttpResponse answer;
            answer.status = 202;
            answer.headers = {{"Content-Type", "text/plain"}};
            answer.body = "custom answer";
            custom.response = answer;
            done(custom);
        });
    }
    void responded(qint64 id, qint64 handlingUs) override { m_recorder->responded(id, handlingUs); }

private:
    EventRecorder *m_recorder; // not owned
};

} // namespace

class TestTrustReceiver final : public QObject, protected ReceiverFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void answers_data();
    void answers();
    void refusedRequestIsRecordedFlaggedWithItsReason();
    void refusedRequestNeverGetsTheHooksAnswer();
    void keepAliveGoesOnAfterA401();
    void storeFullAnswers503WithReasonAndRecovers();

private:
    void startWith(const GuardConfig &guard, CaptureSink *sink = nullptr);
};

void TestTrustReceiver::init()
{
    openStore();
}

void TestTrustReceiver::cleanup()
{
    tearDown();
}

void TestTrustReceiver::startWith(const GuardConfig &guard, CaptureSink *sink)
{
    ReceiverConfig config;
    config.port = 0;
    config.guard = guard;
    startOn(sink ? sink : m_recorder.get(), config);
}

void TestTrustReceiver::answers_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("extraHeaders");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("bodyContains");

    const QByteArray bearer = "Authorization: Bearer k3y\r\n";
    QTest::newRow("bearer accepted") << "bearer" << QByteArray("/hooks/a") << bearer << 200 << QByteArray("ok");
    QTest::newRow("bearer missing") << "bearer" << QByteArray("/hooks/a") << QByteArray() << 401
                                    << QByteArray("Unauthorized: missing \"Authorization: Bearer\" token");
    QTest::newRow("bearer wrong") << "bearer" << QByteArray("/hooks/a") << QByteArray("Authorization: Bearer nope\r\n")
                                  << 401 << QByteArray("wrong bearer token");
    QTest::newRow("basic accepted") << "basic" << QByteArray("/hooks/a")
                                    << "Authorization: Basic " + QByteArray("u:k3y").toBase64() + "\r\n" << 200
                                    << QByteArray("ok");
    QTest::newRow("basic wrong") << "basic" << QByteArray("/hooks/a")
                                 << "Authorization: Basic " + QByteArray("u:no").toBase64() + "\r\n" << 401
                                 << QByteArray("wrong basic credentials");
    QTest::newRow("query accepted") << "query:sig" << QByteArray("/hooks/a?sig=k3y") << QByteArray() << 200
                                    << QByteArray("ok");
    QTest::newRow("query missing") << "query:sig" << QByteArray("/hooks/a") << QByteArray() << 401
                                   << QByteArray("missing query parameter \"sig\"");
    QTest::newRow("path outside the allow-list") << "bearer" << QByteArray("/admin") << bearer << 404
                                                 << QByteArray("the path /admin is not in the allow-list");
    QTest::newRow("exact allowed path") << "bearer" << QByteArray("/callback") << bearer << 200 << QByteArray("ok");
}

void TestTrustReceiver::answers()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, extraHeaders);
    QFETCH(int, status);
    QFETCH(QByteArray, bodyContains);
    GuardConfig guard;
    guard.secret = "k3y";
    QString error;
    QVERIFY(GuardConfig::parseSecretMode(mode, &guard, &error));
    guard.allowedPaths = {"/hooks/*", "/callback"};
    startWith(guard);
    RawHttpClient client(m_receiver->port());
    client.send(post(target, R"({"n":1})", extraHeaders));
    QTRY_COMPARE(client.responses().size(), 1);
    const RawResponse r = client.responses().first();
    QCOMPARE(r.status, status);
    QVERIFY2(r.body.contains(bodyContains), r.body.constData());
    const auto event = lastEvent();
    QVERIFY(event); // recorded whatever the answer
    QCOMPARE(event->response.status, status);
    QCOMPARE(event->rejection.isEmpty(), status == 200);
    QCOMPARE(event->body, QByteArray(R"({"n":1})"));
}

void TestTrustReceiver::refusedRequestIsRecordedFlaggedWithItsReason()
{
    GuardConfig guard;
    guard.secret = "k3y";
    startWith(guard);
    RawHttpClient client(m_receiver->port());
    client.send(post("/hooks", "unauthorised body", "X-Trace: t9\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().status, 401);
    QCOMPARE(client.responses().first().header("www-authenticate"), QByteArray(R"(Bearer realm="hookscope")"));
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->rejection, QStringLiteral("Unauthorized: missing \"Authorization: Bearer\" token"));
    QCOMPARE(event->error, event->rejection);
    QCOMPARE(headerValue(event->headers, "x-trace"), QByteArray("t9"));
    QCOMPARE(event->body, QByteArray("unauthorised body"));
    // The table's summary carries the flag too.
    EventStore store;
    QString error;
    QVERIFY(store.open(m_path, &error));
    const QList<EventSummary> rows = store.summaries(0, 10);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().info.rejection, event->rejection);
    QCOMPARE(rows.first().responseStatus, 401);
}

void TestTrustReceiver::refusedRequestNeverGetsTheHooksAnswer()
{
    CustomAnswerSink sink(m_recorder.get());
    GuardConfig guard;
    guard.allowedPaths = {"/hooks/*"};
    startWith(guard, &sink);
    RawHttpClient client(m_receiver->port());
    client.send(post("/hooks/a", "1"));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().at(0).status, 202); // the hook answers accepted requests
    QCOMPARE(client.responses().at(0).body, QByteArray("custom answer"));
    client.send(post("/elsewhere", "2"));
    QTRY_COMPARE(client.responses().size(), 2);
    QCOMPARE(client.responses().at(1).status, 404);
    QVERIFY(!client.responses().at(1).body.contains("custom"));
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->target, QByteArray("/elsewhere"));
    QCOMPARE(event->response.status, 404);
}

void TestTrustReceiver::keepAliveGoesOnAfterA401()
{
    GuardConfig guard;
    guard.secret = "k3y";
    startWith(guard);
    RawHttpClient client(m_receiver->port());
    client.send(post("/a", "1") + post("/b", "2", "Authorization: Bearer k3y\r\n"));
    QTRY_COMPARE(client.responses().size(), 2);
    QCOMPARE(client.responses().at(0).status, 401);
    QCOMPARE(client.responses().at(1).status, 200);
    QVERIFY(!client.wasClosed());
}

void TestTrustReceiver::storeFullAnswers503WithReasonAndRecovers()
{
    startWith(GuardConfig{});
    QSignalSpy failed(m_recorder.get(), &EventRecorder::storeFailed);
    // SQLITE_FULL exactly as a full disk reports it: the file may not grow by one page.
    m_recorder->setPageLimit(EventRecorder::kPageLimitCurrentSize);
    RawHttpClient client(m_receiver->port());
    QByteArray incompressible(64 * 1024, Qt::Uninitialized); // bodies >= 16 KiB are stored compressed
    for (qsizetype i = 0; i < incompressible.size(); ++i)
        incompressible[i] = char(QRandomGenerator::global()->bounded(256));
    client.send(post("/full", incompressible));
    QTRY_COMPARE(client.responses().size(), 1);
    const RawResponse r = client.responses().first();
    QCOMPARE(r.status, 503);
    QVERIFY2(r.body.contains("could not be stored") && r.body.contains("full"), r.body.constData());
    QTRY_VERIFY(failed.count() >= 1);
    QVERIFY(failed.last().first().toString().contains(QLatin1String("full")));
    QVERIFY(!lastEvent()); // nothing half-stored

    m_recorder->setPageLimit(0); // space returns
    RawHttpClient after(m_receiver->port());
    after.send(post("/after", "ok"));
    QTRY_COMPARE(after.responses().size(), 1);
    QCOMPARE(after.responses().first().status, 200);
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->target, QByteArray("/after"));
}

QTEST_GUILESS_MAIN(TestTrustReceiver)
#include "tst_trustreceiver.moc"
