#include "common/FakeNgrokAgent.h"
#include "common/RawHttpClient.h"
#include "store/EventStore.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// `hookscope --headless --port 0` as a child; its stdout and stderr read line by line
// without blocking the test's event loop (the fake agent lives there).
class Child
{
public:
    explicit Child(const QStringList &args)
    {
        m_process.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
        m_process.setArguments(QStringList{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0")} + args);
        m_process.start();
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished();
        }
    }
    // Collects output until a line matches `pattern`; returns the match or an empty string.
    QString waitForLine(QProcess::ProcessChannel channel, const QRegularExpression &pattern, int ms = 15000)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            m_out += m_process.readAllStandardOutput();
            m_err += m_process.readAllStandardError();
            const QByteArray &text = channel == QProcess::StandardOutput ? m_out : m_err;
            const auto match = pattern.match(QString::fromUtf8(text));
            if (match.hasMatch())
                return match.captured(0);
            QTest::qWait(20); // runs the fake agent meanwhile
        }
        return {};
    }
    // Reads output for `ms` while the event loop runs.
    void pump(int ms)
    {
        QDeadlineTimer deadline(ms);
        do {
            QTest::qWait(20);
            m_out += m_process.readAllStandardOutput();
            m_err += m_process.readAllStandardError();
        } while (!deadline.hasExpired());
    }
    quint16 port()
    {
        static const QRegularExpression re(QStringLiteral("Listening on http://127\\.0\\.0\\.1:(\\d+)/"));
        const QString line = waitForLine(QProcess::StandardOutput, re);
        return quint16(re.match(line).captured(1).toUInt());
    }
    [[nodiscard]] QByteArray out() const { return m_out; }
    [[nodiscard]] QByteArray err() const { return m_err; }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

} // namespace

class TestHeadlessRelay final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void printsThePublicUrlWhenATunnelToThisPortAppears();
    void noAgentIsQuiet();
    void forwardFailureIsPrintedAndTheEventKept();
    void forwardOptionsAreChecked_data();
    void forwardOptionsAreChecked();
    void forwardToItselfIsRefused_data();
    void forwardToItselfIsRefused();
    void forwardToItsOwnPublicUrlIsRefused();
    void loopThroughASecondHookscopeStopsAfterOneRound();
};

void TestHeadlessRelay::printsThePublicUrlWhenATunnelToThisPortAppears()
{
    QTemporaryDir dir;
    FakeNgrokAgent agent;
    agent.answer(FakeNgrokAgent::tunnels({FakeNgrokAgent::tunnel("https://elsewhere.ngrok.app", "https", "localhost:1")}));
    Child child({QStringLiteral("--db"), dir.filePath(QStringLiteral("e.sqlite")), QStringLiteral("--ngrok-api"),
                 QString::fromLatin1(agent.apiUrl())});
    const quint16 port = child.port();
    QVERIFY(port > 0);
    QTRY_VERIFY_WITH_TIMEOUT(agent.requests() >= 1, 10000);
    QVERIFY(!child.out().contains("Public URL"));
    const QByteArray addr = "http://localhost:" + QByteArray::number(port);
    agent.answer(FakeNgrokAgent::tunnels({FakeNgrokAgent::tunnel("http://abc.ngrok.app", "http", addr),
                                          FakeNgrokAgent::tunnel("https://abc.ngrok.app", "https", addr)}));
    const QString line = child.waitForLine(QProcess::StandardOutput, QRegularExpression(QStringLiteral("Public URL: \\S+\n")));
    QCOMPARE(line, QStringLiteral("Public URL: https://abc.ngrok.app\n"));
    // Printed once, not at every poll.
    const int polls = agent.requests();
    QTRY_VERIFY_WITH_TIMEOUT(agent.requests() >= polls + 2, 10000);
    child.pump(100);
    QCOMPARE(child.out().count("Public URL:"), 1);
}

void TestHeadlessRelay::noAgentIsQuiet()
{
    QTemporaryDir dir;
    const quint16 closed = unusedPort();
    Child child({QStringLiteral("--db"), dir.filePath(QStringLiteral("e.sqlite")), QStringLiteral("--ngrok-api"),
                 QStringLiteral("http://127.0.0.1:%1").arg(closed)});
    QVERIFY(child.port() > 0);
    child.pump(2500); // a poll or two
    QVERIFY(!child.out().contains("Public URL"));
    QVERIFY2(child.err().isEmpty(), child.err().constData());
    QCOMPARE(child.process().state(), QProcess::Running);
}

void TestHeadlessRelay::forwardFailureIsPrintedAndTheEventKept()
{
    QTemporaryDir dir;
    const quint16 closed = unusedPort();
    const QString db = dir.filePath(QStringLiteral("e.sqlite"));
    Child child({QStringLiteral("--db"), db, QStringLiteral("--forward"),
                 QStringLiteral("http://127.0.0.1:%1/webhooks").arg(closed)});
    const quint16 port = child.port();
    QVERIFY(port > 0);
    QVERIFY(!child.waitForLine(QProcess::StandardOutput, QRegularExpression(QStringLiteral("Forwarding to http://127.0.0.1:\\d+/webhooks"))).isEmpty());
    RawHttpClient client(port);
    client.send(post("/hook", R"({"a":1})"));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().status, 200);
    const QString failure = child.waitForLine(QProcess::StandardError,
                                              QRegularExpression(QStringLiteral("forward of #1 to \\S+ failed: [^\n]+\n")));
    QVERIFY2(failure.contains(QStringLiteral("connection refused")), qPrintable(failure));
    child.process().terminate();
    QVERIFY(child.process().waitForFinished(10000));
    EventStore store;
    QString error;
    QVERIFY2(store.open(db, &error), qPrintable(error));
    QCOMPARE(store.count(), 1);
    const std::optional<ForwardRecord> record = store.loadForward(1);
    QVERIFY(record);
    QVERIFY(record->error.contains(QStringLiteral("connection refused")));
}

void TestHeadlessRelay::forwardOptionsAreChecked_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("forward URL without scheme") << QStringList{QStringLiteral("--forward"), QStringLiteral("localhost:3000")}
                                                << "--forward: 'localhost:3000' is not an http:// URL";
    QTest::newRow("kind without forward") << QStringList{QStringLiteral("--forward-kind"), QStringLiteral("jicoo")}
                                          << "--forward-kind needs --forward URL";
    QTest::newRow("agent address not a URL") << QStringList{QStringLiteral("--ngrok-api"), QStringLiteral("4040")}
                                             << "--ngrok-api: '4040' is not an http:// URL";
}

void TestHeadlessRelay::forwardOptionsAreChecked()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_BINARY), QStringList{QStringLiteral("--headless")} + args);
    QVERIFY(process.waitForFinished(10000));
    QVERIFY(process.exitCode() != 0);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(error), qPrintable(err));
}

void TestHeadlessRelay::forwardToItselfIsRefused_data()
{
    QTest::addColumn<QString>("host");
    for (const char *host : {"localhost", "LocalHost", "127.0.0.1", "127.0.0.2", "[::1]", "0.0.0.0", "[::]",
                             "[::ffff:127.0.0.1]", "app.localhost"})
        QTest::newRow(host) << QString::fromLatin1(host);
}

// Forwarding to its own port turned one event into thousands (issue 20): refused at start.
void TestHeadlessRelay::forwardToItselfIsRefused()
{
    QFETCH(QString, host);
    QTemporaryDir dir;
    const quint16 port = unusedPort();
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_BINARY),
                  {QStringLiteral("--headless"), QStringLiteral("--db"), dir.filePath(QStringLiteral("e.sqlite")),
                   QStringLiteral("--port"), QString::number(port), QStringLiteral("--forward"),
                   QStringLiteral("http://%1:%2/webhooks").arg(host).arg(port)});
    QVERIFY(process.waitForFinished(15000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains(QStringLiteral("--forward: ")) && err.contains(QStringLiteral("where this Hookscope itself listens")),
             qPrintable(err));
}

// The ngrok URL in front of it is known only once the agent reports it: each forward is refused then.
void TestHeadlessRelay::forwardToItsOwnPublicUrlIsRefused()
{
    QTemporaryDir dir;
    FakeNgrokAgent agent;
    agent.answer(FakeNgrokAgent::tunnels({}));
    const QString db = dir.filePath(QStringLiteral("e.sqlite"));
    Child child({QStringLiteral("--db"), db, QStringLiteral("--ngrok-api"), QString::fromLatin1(agent.apiUrl()),
                 QStringLiteral("--forward"), QStringLiteral("https://ABC.ngrok.app/hooks")});
    const quint16 port = child.port();
    QVERIFY(port > 0);
    agent.answer(FakeNgrokAgent::tunnels(
        {FakeNgrokAgent::tunnel("https://abc.ngrok.app", "https", "http://localhost:" + QByteArray::number(port))}));
    QVERIFY(!child.waitForLine(QProcess::StandardOutput, QRegularExpression(QStringLiteral("Public URL: \\S+\n"))).isEmpty());
    RawHttpClient client(port);
    client.send(post("/hook", R"({"a":1})"));
    QTRY_COMPARE(client.responses().size(), 1);
    const QString failure = child.waitForLine(QProcess::StandardError,
                                              QRegularExpression(QStringLiteral("forward of #1 to \\S+ failed: [^\n]+\n")));
    QVERIFY2(failure.contains(QStringLiteral("own public URL")), qPrintable(failure));
}

// A forwards to B and B back to A: A's request comes back with A's own Via marker and is not
// sent again, so the loop ends after one round, with the reason on the forward record.
void TestHeadlessRelay::loopThroughASecondHookscopeStopsAfterOneRound()
{
    QTemporaryDir dir;
    const quint16 portA = unusedPort();
    quint16 portB = unusedPort();
    while (portB == portA)
        portB = unusedPort();
    const QString dbA = dir.filePath(QStringLiteral("a.sqlite"));
    const QString dbB = dir.filePath(QStringLiteral("b.sqlite"));
    const QString noAgent = QStringLiteral("http://127.0.0.1:%1").arg(unusedPort());
    Child a({QStringLiteral("--db"), dbA, QStringLiteral("--port"), QString::number(portA), QStringLiteral("--ngrok-api"),
             noAgent, QStringLiteral("--forward"), QStringLiteral("http://127.0.0.1:%1/b").arg(portB)});
    Child b({QStringLiteral("--db"), dbB, QStringLiteral("--port"), QString::number(portB), QStringLiteral("--ngrok-api"),
             noAgent, QStringLiteral("--forward"), QStringLiteral("http://localhost:%1/a").arg(portA)});
    QCOMPARE(a.port(), portA);
    QCOMPARE(b.port(), portB);
    RawHttpClient client(portA);
    client.send(post("/hook", R"({"a":1})"));
    QTRY_COMPARE(client.responses().size(), 1);
    const QString stopped = a.waitForLine(QProcess::StandardError,
                                          QRegularExpression(QStringLiteral("forward of #2 to \\S+ failed: [^\n]+\n")));
    QVERIFY2(stopped.contains(QStringLiteral("would loop")), qPrintable(stopped + QString::fromUtf8(a.err())));
    for (Child *child : {&a, &b}) {
        child->process().terminate();
        QVERIFY(child->process().waitForFinished(10000));
    }
    EventStore storeA;
    EventStore storeB;
    QString error;
    QVERIFY2(storeA.open(dbA, &error), qPrintable(error));
    QVERIFY2(storeB.open(dbB, &error), qPrintable(error));
    QCOMPARE(storeA.count(), 2); // the original and the one that came back
    QCOMPARE(storeB.count(), 1);
    QCOMPARE(storeB.load(1).value_or(Event()).target, QByteArray("/b/hook"));
    QCOMPARE(storeA.load(2).value_or(Event()).target, QByteArray("/a/b/hook"));
    QCOMPARE(storeA.loadForward(1).value_or(ForwardRecord()).status, 200);
    QCOMPARE(storeB.loadForward(1).value_or(ForwardRecord()).status, 200);
    const std::optional<ForwardRecord> last = storeA.loadForward(2);
    QVERIFY(last);
    QVERIFY2(last->error.contains(QStringLiteral("hop marker")), qPrintable(last->error));
    const std::optional<Event> cameBack = storeA.load(2);
    QVERIFY(cameBack);
    int vias = 0;
    for (const auto &[name, value] : cameBack->headers)
        vias += name == "Via" && value.startsWith("1.1 hookscope-") ? 1 : 0;
    QCOMPARE(vias, 2); // one per Hookscope it went through
}

QTEST_GUILESS_MAIN(TestHeadlessRelay)
#include "tst_headlessrelay.moc"
