#include "common/RawHttpClient.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "session/CaptureSession.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hookscope;
using namespace hookscope::test;

namespace {
QByteArray sample()
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
const QByteArray kRoute = "/hooks/before-book-appointment";

qint64 storedCount(const QString &path)
{
    EventStore reader; // a second connection: sees what is committed, nothing else
    QString error;
    return reader.open(path, &error) ? reader.count() : -1;
}
} // namespace

// CaptureSession without any window: open / start / apply / shutdown over real sockets and
// real SQLite files, and the capture path on the session's network thread.
class TestCaptureSession final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void openCreatesTheStoreAndStartListens();
    void captureRunsOnTheNetworkThreadAndBatchesComeToTheOwner();
    void every2xxIsCommittedBeforeItIsSent();
    void openFailsWithTheReasonAndStartAnswers503();
    void storeFailureIsSignalledAndAnswered503();
    void busyPortIsAnErrorThatNamesIt();
    void applyRestartsTheReceiverWithTheNewSettings();
    void applyChangesTheHoldPolicyForTheNextRequest();
    void heldHookAnsweredFromThisThreadReachesTheClient();
    void shutdownAnswersWhatIsHeldCommitsAndCloses();
    void shutdownTwiceAndStartAfterItDoNothing();

private:
    [[nodiscard]] SessionConfig config(const QString &name = QStringLiteral("events.sqlite")) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

SessionConfig TestCaptureSession::config(const QString &name) const
{
    SessionConfig config;
    config.storePath = m_dir->filePath(name);
    config.sync = SyncMode::Normal;
    config.receiver.port = 0;
    config.holdPolicy = HoldPolicy(); // nothing held unless a test says so
    return config;
}

void TestCaptureSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCaptureSession::openCreatesTheStoreAndStartListens()
{
    CaptureSession session;
    QSignalSpy listening(&session, &CaptureSession::listeningChanged);
    QVERIFY(!session.isOpen());
    QVERIFY(session.open(config()));
    QVERIFY(session.isOpen());
    QVERIFY(QFile::exists(session.storePath()));
    QVERIFY(session.enrichment()); // enrichment starts with the store
    QVERIFY(!session.isListening());
    QVERIFY2(session.start(), qPrintable(session.errorString()));
    QVERIFY(session.isListening());
    QVERIFY(session.port() > 0);
    QCOMPARE(session.url().port(), int(session.port()));
    QCOMPARE(listening.count(), 1);
    QCOMPARE(listening.at(0).at(0).toBool(), true);
    session.stop();
    QVERIFY(!session.isListening());
    QCOMPARE(listening.count(), 2);
    QVERIFY(session.start()); // again, on a free port
}

void TestCaptureSession::captureRunsOnTheNetworkThreadAndBatchesComeToTheOwner()
{
    CaptureSession session;
    QVERIFY(session.open(config()));
    QVERIFY(session.start());
    QThread *net = session.networkThread();
    QVERIFY(net && net->isRunning());
    QVERIFY(net != QThread::currentThread());
    QCOMPARE(session.recorder()->thread(), net);
    QCOMPARE(session.holdDesk()->thread(), net);

    QList<QThread *> storedOn;
    qsizetype events = 0;
    connect(&session, &CaptureSession::eventsStored, this, [&](const QList<Event> &batch) {
        storedOn.append(QThread::currentThread());
        events += batch.size();
    });
    QList<QThread *> enrichedOn;
    connect(&session, &CaptureSession::enriched, this,
            [&](const QList<EventInfo> &) { enrichedOn.append(QThread::currentThread()); });
    RawHttpClient client(session.port());
    QByteArray requests;
    for (int i = 0; i < 20; ++i)
        requests += post("/hooks/" + QByteArray::number(i), R"({"n":)" + QByteArray::number(i) + "}");
    client.send(requests); // pipelined: the writer commits them in groups
    QTRY_COMPARE(client.responses().size(), 20);
    QTRY_COMPARE(events, 20);
    QTRY_VERIFY(!enrichedOn.isEmpty());
    QVERIFY(storedOn.size() <= 20); // batches, not one call per event necessarily
    for (QThread *thread : std::as_const(storedOn))
        QCOMPARE(thread, QThread::currentThread());
    for (QThread *thread : std::as_const(enrichedOn))
        QCOMPARE(thread, QThread::currentThread());
}

void TestCaptureSession::every2xxIsCommittedBeforeItIsSent()
{
    CaptureSession session;
    QVERIFY(session.open(config()));
    QVERIFY(session.start());
    RawHttpClient client(session.port());
    for (int i = 1; i <= 30; ++i) {
        client.send(post("/hooks/x", R"({"i":)" + QByteArray::number(i) + "}"));
        QTRY_COMPARE(client.responses().size(), i);
        QCOMPARE(client.responses().last().status, 200);
        // The moment the 2xx is read, another connection finds the event committed.
        QCOMPARE(storedCount(session.storePath()), qint64(i));
    }
}

void TestCaptureSession::openFailsWithTheReasonAndStartAnswers503()
{
    QFile blocker(m_dir->filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    CaptureSession session;
    SessionConfig broken = config();
    broken.storePath = m_dir->filePath(QStringLiteral("not-a-folder/events.sqlite"));
    QVERIFY(!session.open(broken));
    QVERIFY(!session.storeError().isEmpty());
    QVERIFY(!session.isOpen());
    QVERIFY(!session.enrichment());
    // Listening without a store: every request is refused, none is taken for stored.
    QVERIFY(session.start());
    RawHttpClient client(session.port());
    client.send(post("/hooks/x", "{}"));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().at(0).status, 503);
}

void TestCaptureSession::storeFailureIsSignalledAndAnswered503()
{
    CaptureSession session;
    QVERIFY(session.open(config()));
    QVERIFY(session.start());
    QSignalSpy failed(&session, &CaptureSession::storeFailed);
    session.recorder()->setPageLimit(EventRecorder::kPageLimitCurrentSize); // a full disk
    QByteArray noise(64 * 1024, Qt::Uninitialized); // more than the free pages, not compressible
    for (qsizetype i = 0; i < noise.size(); ++i)
        noise[i] = char(QRandomGenerator::global()->bounded(256));
    RawHttpClient client(session.port());
    client.send(post("/hooks/full", noise));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().at(0).status, 503);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QLatin1String("full")));
    session.recorder()->setPageLimit(0); // space again: stored and answered as usual
    RawHttpClient after(session.port()); // a 503 closes its connection
    after.send(post("/hooks/after", "{}"));
    QTRY_COMPARE(after.responses().size(), 1);
    QCOMPARE(after.responses().at(0).status, 200);
}

void TestCaptureSession::busyPortIsAnErrorThatNamesIt()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    CaptureSession session;
    SessionConfig busy = config();
    busy.receiver.port = taken.serverPort();
    QVERIFY(session.open(busy));
    QVERIFY(!session.start());
    QVERIFY(!session.isListening());
    QVERIFY2(session.errorString().contains(QString::number(taken.serverPort())), qPrintable(session.errorString()));
}

void TestCaptureSession::applyRestartsTheReceiverWithTheNewSettings()
{
    CaptureSession session;
    QVERIFY(session.open(config()));
    QVERIFY(session.start());
    SessionConfig smaller = config();
    smaller.receiver.limits.maxBodyBytes = 100;
    QSignalSpy listening(&session, &CaptureSession::listeningChanged);
    session.apply(smaller);
    QVERIFY(session.isListening());
    QCOMPARE(listening.count(), 2); // stopped, started again
    RawHttpClient client(session.port());
    client.send(post("/hooks/x", QByteArray(200, 'x')));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().at(0).status, 413);
}

void TestCaptureSession::applyChangesTheHoldPolicyForTheNextRequest()
{
    CaptureSession session;
    QVERIFY(session.open(config()));
    QVERIFY(session.start());
    QSignalSpy held(&session, &CaptureSession::held);
    {
        RawHttpClient before(session.port());
        before.send(post(kRoute, sample()));
        QTRY_COMPARE(before.responses().size(), 1); // nothing held: answered at once
    }
    SessionConfig holding = config();
    holding.holdPolicy = HoldPolicy::builtIn(); // holds Before Book Appointment
    session.apply(holding);
    QCOMPARE(session.holdingSink()->policy().rule(QStringLiteral("before-book-appointment")).hold, true);
    RawHttpClient after(session.port());
    after.send(post(kRoute, sample()));
    QTRY_COMPARE(held.count(), 1);
    QVERIFY(after.received().isEmpty());
    QCOMPARE(held.at(0).at(0).value<HeldRequest>().kind, QStringLiteral("before-book-appointment"));
}

void TestCaptureSession::heldHookAnsweredFromThisThreadReachesTheClient()
{
    CaptureSession session;
    SessionConfig holding = config();
    holding.holdPolicy = HoldPolicy::builtIn();
    QVERIFY(session.open(holding));
    QVERIFY(session.start());
    QSignalSpy held(&session, &CaptureSession::held);
    QSignalSpy answered(&session, &CaptureSession::answered);
    RawHttpClient hook(session.port());
    hook.send(post(kRoute, sample()));
    QTRY_COMPARE(held.count(), 1);
    const qint64 id = held.at(0).at(0).value<HeldRequest>().id;
    QVERIFY(session.holdDesk()->isHeld(id));
    QCOMPARE(session.holdDesk()->request(id)->id, id);
    QCOMPARE(session.holdDesk()->count(), 1);
    // This thread is not the connection's: the desk carries the answer over to it.
    HttpResponse response{201, {{"Content-Type", "application/json"}}, R"({"answered":"here"})"};
    QVERIFY(session.holdDesk()->answer(id, response, AnswerSource::Click));
    QVERIFY(!session.holdDesk()->answer(id, response, AnswerSource::Click)); // once only
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).status, 201);
    QCOMPARE(hook.responses().at(0).body, QByteArray(R"({"answered":"here"})"));
    QTRY_COMPARE(answered.count(), 1);
    QCOMPARE(answered.at(0).at(0).value<AnswerRecord>().source, AnswerSource::Click);
    QVERIFY(!session.holdDesk()->request(id));
}

void TestCaptureSession::shutdownAnswersWhatIsHeldCommitsAndCloses()
{
    CaptureSession session;
    SessionConfig holding = config();
    holding.holdPolicy = HoldPolicy::builtIn();
    QVERIFY(session.open(holding));
    QVERIFY(session.start());
    QSignalSpy held(&session, &CaptureSession::held);
    QSignalSpy stored(&session, &CaptureSession::eventsStored);
    RawHttpClient hook(session.port());
    hook.send(post(kRoute, sample()));
    QTRY_COMPARE(held.count(), 1);
    const qint64 id = held.at(0).at(0).value<HeldRequest>().id;
    RawHttpClient plain(session.port());
    plain.send(post("/hooks/x", "{}"));
    QTRY_COMPARE(plain.responses().size(), 1);

    session.shutdown();
    QVERIFY(!session.isListening());
    QVERIFY(!session.isOpen());
    QVERIFY(!session.recorder()->isOpen());
    QVERIFY(!session.networkThread()->isRunning());
    QCOMPARE(session.recorder()->thread(), QThread::currentThread()); // back home, safe to use
    QCOMPARE(session.holdDesk()->count(), 0);
    // Every stored batch was reported before shutdown() returned.
    qsizetype reported = 0;
    for (const QList<QVariant> &batch : std::as_const(stored))
        reported += batch.at(0).value<QList<Event>>().size();
    QCOMPARE(reported, 2);
    // The held hook got its default answer, and that answer is in the closed store.
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).status, 200);
    EventStore reader;
    QString error;
    QVERIFY2(reader.open(session.storePath(), &error), qPrintable(error));
    QCOMPARE(reader.count(), qint64(2));
    const std::optional<AnswerRecord> answer = reader.loadAnswer(id);
    QVERIFY(answer);
    QCOMPARE(answer->source, AnswerSource::Shutdown);
    // Nothing listens any more.
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, hook.socket().peerPort());
    QVERIFY(!late.waitForConnected(2000));
}

void TestCaptureSession::shutdownTwiceAndStartAfterItDoNothing()
{
    CaptureSession session;
    QVERIFY(session.open(config()));
    QVERIFY(session.start());
    session.shutdown();
    session.shutdown();
    QVERIFY(!session.start());
    QVERIFY(!session.isListening());
    QString error;
    QVERIFY(!session.clear(&error));
}

QTEST_GUILESS_MAIN(TestCaptureSession)
#include "tst_capturesession.moc"
