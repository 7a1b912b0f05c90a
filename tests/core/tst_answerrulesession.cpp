#include "common/HeadlessChild.h"
#include "common/RawHttpClient.h"
#include "hold/HoldDesk.h"
#include "hold/RuleSink.h"
#include "session/CaptureSession.h"
#include "store/EventStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
AnswerRuleSet rulesFrom(const QByteArray &json)
{
    AnswerRuleSet set;
    QString error;
    if (!AnswerRuleSet::fromJson(json, &set, &error))
        qFatal("test rules do not parse: %s", qPrintable(error));
    return set;
}

// The rules every test here runs with: one per action, told apart by path.
const QByteArray kRules = R"({"enabled": true, "rules": [
    {"name": "fail twice", "match": {"path": "/retry"}, "statuses": [500, 500, 200],
     "headers": {"Retry-After": "0"}, "body": {"seen": "${request:/n}"}},
    {"name": "slow", "match": {"path": "/slow"}, "delayMs": 400, "status": 202},
    {"name": "very slow", "match": {"path": "/slower"}, "delayMs": 3000},
    {"name": "ten minutes", "match": {"path": "/forever"}, "delayMs": 600000},
    {"name": "crash", "match": {"path": "/crash"}, "action": "drop"},
    {"name": "too late", "match": {"path": "/late"}, "action": "late", "timeoutMs": 300},
    {"name": "ask me", "match": {"path": "/ask"}, "action": "hold", "timeoutMs": 60000, "status": 418},
    {"name": "unavailable", "match": {"header": "X-Env", "value": "staging"}, "status": 503}
]})";

std::optional<AnswerRecord> answerOf(const QString &storePath, qint64 id)
{
    EventStore reader; // a second connection: what is committed
    QString error;
    return reader.open(storePath, &error) ? reader.loadAnswer(id) : std::nullopt;
}
} // namespace

// Answer rules (issue 26) through a whole CaptureSession: real sockets, a real SQLite store,
// the delays on the capture thread's timers; and `hookscope --headless --rule` as a child.
class TestAnswerRuleSession final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void sequenceFailsTwiceThenAcceptsARetryingClient();
    void delayHoldsTheAnswerAtLeastThatLong();
    void aDelayedAnswerBlocksNoOtherConnection();
    void droppedConnectionClosesWithoutAnAnswer();
    void lateAnswerComesAfterTheVendorTimeout();
    void heldByARuleWaitsForAHandWrittenAnswer();
    void ruleIsRecordedPerEventAndOthersAreNot();
    void every2xxIsCommittedBeforeItIsSent();
    void switchedOffNoRuleAnswers();
    void shutdownSendsWhatWaitsOnADelay();
    void headlessChildAnswersByTheRuleFile();
    void headlessChildRefusesABadRuleFileClearly();

private:
    void openSession(CaptureSession &session);
    std::unique_ptr<QTemporaryDir> m_dir;
    QList<Event> m_stored;
};

void TestAnswerRuleSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_stored.clear();
}

void TestAnswerRuleSession::openSession(CaptureSession &session)
{
    SessionConfig config;
    config.storePath = m_dir->filePath(QStringLiteral("events.sqlite"));
    config.sync = SyncMode::Normal;
    config.receiver.port = 0;
    config.enrich = false;
    config.holdPolicy = HoldPolicy();
    config.answerRules = rulesFrom(kRules);
    QVERIFY(session.open(config));
    QVERIFY2(session.start(), qPrintable(session.errorString()));
    connect(&session, &CaptureSession::eventsStored, this, [this](const QList<Event> &batch) { m_stored += batch; });
}

void TestAnswerRuleSession::sequenceFailsTwiceThenAcceptsARetryingClient()
{
    CaptureSession session;
    openSession(session);
    // A vendor: a new connection per attempt, the same webhook-id, retrying until a 2xx.
    const auto deliver = [&](const QByteArray &id, int attempt) {
        RawHttpClient client(session.port());
        client.send(post("/retry", R"({"n":)" + QByteArray::number(attempt) + "}", "webhook-id: " + id + "\r\n"));
        if (!QTest::qWaitFor([&] { return !client.responses().isEmpty(); }, 10000))
            return RawResponse{};
        return client.responses().at(0);
    };
    QList<int> statuses;
    for (int attempt = 1; attempt <= 5; ++attempt) {
        const RawResponse response = deliver("msg_1", attempt);
        statuses.append(response.status);
        if (attempt == 1) {
            QCOMPARE(response.header("Retry-After"), QByteArray("0"));
            QCOMPARE(response.body, QByteArray(R"({"seen":1})")); // the template, filled from the request
        }
        if (response.status / 100 == 2)
            break;
    }
    QCOMPARE(statuses, QList<int>({500, 500, 200}));
    // Another event starts its own sequence; the accepted one stays accepted.
    QCOMPARE(deliver("msg_2", 1).status, 500);
    QCOMPARE(deliver("msg_1", 4).status, 200);
}

void TestAnswerRuleSession::delayHoldsTheAnswerAtLeastThatLong()
{
    CaptureSession session;
    openSession(session);
    RawHttpClient client(session.port());
    QTRY_VERIFY(client.isConnected());
    QElapsedTimer clock;
    clock.start();
    client.send(post("/slow", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10000);
    const qint64 took = clock.elapsed();
    QCOMPARE(client.responses().at(0).status, 202);
    QVERIFY2(took >= 400, qPrintable(QStringLiteral("answered after %1 ms").arg(took))); // lower bound only
}

void TestAnswerRuleSession::aDelayedAnswerBlocksNoOtherConnection()
{
    CaptureSession session;
    openSession(session);
    RawHttpClient waiting(session.port());
    waiting.send(post("/slower", "{}"));
    QTRY_COMPARE(m_stored.size(), 1); // stored; its answer waits 3 s on a timer
    // Meanwhile others are read, stored and answered: plain ones and ones another rule takes.
    for (int i = 0; i < 5; ++i) {
        RawHttpClient other(session.port());
        other.send(post(i % 2 ? "/plain" : "/slow", "{}"));
        QTRY_COMPARE_WITH_TIMEOUT(other.responses().size(), 1, 5000);
        QCOMPARE(other.responses().at(0).status, i % 2 ? 200 : 202);
        QVERIFY(waiting.received().isEmpty());
    }
    QTRY_COMPARE_WITH_TIMEOUT(waiting.responses().size(), 1, 10000);
    QCOMPARE(waiting.responses().at(0).status, 200);
}

void TestAnswerRuleSession::droppedConnectionClosesWithoutAnAnswer()
{
    CaptureSession session;
    openSession(session);
    RawHttpClient client(session.port());
    QList<QAbstractSocket::SocketError> errors;
    connect(&client.socket(), &QAbstractSocket::errorOccurred, this,
            [&](QAbstractSocket::SocketError error) { errors.append(error); });
    client.send(post("/crash", R"({"boom":true})"));
    QTRY_VERIFY(client.wasClosed());
    QVERIFY(client.received().isEmpty()); // not a byte of answer
    QVERIFY(errors.contains(QAbstractSocket::RemoteHostClosedError)
            || errors.contains(QAbstractSocket::ConnectionRefusedError)
            || errors.contains(QAbstractSocket::NetworkError));
    QTRY_COMPARE(m_stored.size(), 1); // stored all the same
    QCOMPARE(m_stored.at(0).body, QByteArray(R"({"boom":true})"));
    std::optional<AnswerRecord> answer;
    QTRY_VERIFY((answer = answerOf(session.storePath(), m_stored.at(0).id)).has_value());
    QCOMPARE(answer->source, AnswerSource::Rule);
    QCOMPARE(answer->rule, QStringLiteral("crash"));
    QCOMPARE(answer->response.status, 0);
    QVERIFY(!answer->sent());
    // The receiver goes on as before.
    RawHttpClient next(session.port());
    next.send(post("/plain", "{}"));
    QTRY_COMPARE(next.responses().size(), 1);
    QCOMPARE(next.responses().at(0).status, 200);
}

void TestAnswerRuleSession::lateAnswerComesAfterTheVendorTimeout()
{
    CaptureSession session;
    openSession(session);
    RawHttpClient client(session.port());
    QTRY_VERIFY(client.isConnected());
    QElapsedTimer clock;
    clock.start();
    client.send(post("/late", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10000);
    // timeoutMs 300 + a second past it.
    QVERIFY2(clock.elapsed() >= 1300, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(client.responses().at(0).status, 200);
}

void TestAnswerRuleSession::heldByARuleWaitsForAHandWrittenAnswer()
{
    CaptureSession session;
    openSession(session);
    QSignalSpy held(&session, &CaptureSession::held);
    RawHttpClient client(session.port());
    client.send(post("/ask", "{}"));
    QTRY_COMPARE(held.count(), 1);
    const auto request = held.at(0).at(0).value<HeldRequest>();
    QCOMPARE(request.defaultAnswer.status, 418); // the rule's answer, at its timeout
    QVERIFY(client.received().isEmpty());
    QVERIFY(session.holdDesk()->answer(request.id, HttpResponse::plainText(409, "written by hand"),
                                       AnswerSource::Click));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().at(0).status, 409);
}

void TestAnswerRuleSession::ruleIsRecordedPerEventAndOthersAreNot()
{
    CaptureSession session;
    openSession(session);
    QList<AnswerRecord> announced;
    connect(&session, &CaptureSession::answered, this, [&](const AnswerRecord &r) { announced.append(r); });
    RawHttpClient staging(session.port());
    staging.send(post("/anything", "{}", "X-Env: staging\r\n"));
    QTRY_COMPARE(staging.responses().size(), 1);
    QCOMPARE(staging.responses().at(0).status, 503);
    RawHttpClient plain(session.port());
    plain.send(post("/anything", "{}", "X-Env: production\r\n"));
    QTRY_COMPARE(plain.responses().size(), 1);
    QCOMPARE(plain.responses().at(0).status, 200);
    QTRY_COMPARE(m_stored.size(), 2);
    std::optional<AnswerRecord> answer;
    QTRY_VERIFY((answer = answerOf(session.storePath(), m_stored.at(0).id)).has_value());
    QCOMPARE(answer->source, AnswerSource::Rule);
    QCOMPARE(answer->rule, QStringLiteral("unavailable"));
    QCOMPARE(answer->response.status, 503);
    QCOMPARE(answer->describe(), QStringLiteral("answered 503 by rule \"unavailable\" after %1 s")
                                     .arg(QLocale::c().toString(double(answer->afterMs) / 1000.0, 'f', 1)));
    QVERIFY(!answerOf(session.storePath(), m_stored.at(1).id)); // no rule answered it: nothing beside it
    QTRY_COMPARE(announced.size(), 1); // the window's Result column learns it this way
    QCOMPARE(announced.at(0).rule, QStringLiteral("unavailable"));
    // The event's own row keeps the answer too (what an export or a restart shows).
    EventStore reader;
    QString error;
    QVERIFY(reader.open(session.storePath(), &error));
    QCOMPARE(reader.load(m_stored.at(0).id)->response.status, 503);
}

void TestAnswerRuleSession::every2xxIsCommittedBeforeItIsSent()
{
    CaptureSession session;
    openSession(session);
    for (int i = 1; i <= 4; ++i) {
        RawHttpClient client(session.port());
        client.send(post(i % 2 ? "/slow" : "/retry", "{\"i\":" + QByteArray::number(i) + "}"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10000);
        EventStore reader; // the moment the answer is read, another connection finds the event
        QString error;
        QVERIFY(reader.open(session.storePath(), &error));
        QCOMPARE(reader.count(), qint64(i));
    }
}

void TestAnswerRuleSession::switchedOffNoRuleAnswers()
{
    CaptureSession session;
    openSession(session);
    QSignalSpy switched(session.ruleSink(), &RuleSink::enabledChanged);
    session.ruleSink()->setEnabled(false);
    QCOMPARE(switched.count(), 1);
    RawHttpClient client(session.port());
    client.send(post("/crash", "{}"));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().at(0).status, 200);
    session.ruleSink()->setEnabled(true); // and on again, for the next request
    RawHttpClient again(session.port());
    again.send(post("/anything", "{}", "X-Env: staging\r\n"));
    QTRY_COMPARE(again.responses().size(), 1);
    QCOMPARE(again.responses().at(0).status, 503);
}

void TestAnswerRuleSession::shutdownSendsWhatWaitsOnADelay()
{
    CaptureSession session;
    openSession(session);
    RawHttpClient waiting(session.port());
    waiting.send(post("/forever", "{}"));
    QTRY_COMPARE(m_stored.size(), 1);
    QCOMPARE(session.ruleSink()->thread(), session.networkThread());
    session.shutdown(); // as held hooks get their default: the answer goes out, recorded
    QCOMPARE(session.ruleSink()->waitingCount(), 0);
    QTRY_COMPARE(waiting.responses().size(), 1); // not ten minutes later
    QCOMPARE(waiting.responses().at(0).status, 200);
    const std::optional<AnswerRecord> answer = answerOf(session.storePath(), m_stored.at(0).id);
    QVERIFY(answer);
    QCOMPARE(answer->rule, QStringLiteral("ten minutes"));
}

void TestAnswerRuleSession::headlessChildAnswersByTheRuleFile()
{
    QFile rules(m_dir->filePath(QStringLiteral("rules.json")));
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(kRules);
    rules.close();
    HeadlessChild child(m_dir->filePath(QStringLiteral("child.sqlite")), {QStringLiteral("--rule"), rules.fileName()},
                        m_dir->path());
    const quint16 port = child.readPort();
    QVERIFY2(port > 0, child.firstLine().constData());
    QList<int> statuses;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        RawHttpClient client(port);
        client.send(post("/retry", "{}", "webhook-id: child_1\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10000);
        statuses.append(client.responses().at(0).status);
    }
    QCOMPARE(statuses, QList<int>({500, 500, 200}));
    // The printer names the rule per event, as the window's Result column does.
    QList<QByteArray> answered;
    for (QByteArray line = child.line(); !line.isEmpty() && answered.size() < 3; line = child.line()) {
        if (line.startsWith("answered #"))
            answered.append(line);
    }
    QCOMPARE(answered.size(), 3);
    QVERIFY2(answered.at(0).contains(": answered 500 by rule \"fail twice\" after "), answered.at(0).constData());
    QVERIFY2(answered.at(2).contains(": answered 200 by rule \"fail twice\" after "), answered.at(2).constData());
}

void TestAnswerRuleSession::headlessChildRefusesABadRuleFileClearly()
{
    QFile rules(m_dir->filePath(QStringLiteral("bad.json")));
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(R"({"rules": [{"name": "fail twice", "statuses": [500, "oops"]}]})");
    rules.close();
    HeadlessChild child(m_dir->filePath(QStringLiteral("child.sqlite")), {QStringLiteral("--rule"), rules.fileName()},
                        m_dir->path());
    QVERIFY(child.process().waitForFinished(20000));
    QVERIFY(child.process().exitCode() != 0);
    QCOMPARE(child.process().exitStatus(), QProcess::NormalExit); // an error, not a crash
    const QString error = QString::fromUtf8(child.process().readAllStandardError());
    QVERIFY2(error.contains(QLatin1String("--rule: ")) && error.contains(QLatin1String("bad.json"))
                 && error.contains(QLatin1String("rule 1 \"fail twice\": 'statuses'[1] must be an HTTP status")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestAnswerRuleSession)
#include "tst_answerrulesession.moc"
