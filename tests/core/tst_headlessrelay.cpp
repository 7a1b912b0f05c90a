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

QTEST_GUILESS_MAIN(TestHeadlessRelay)
#include "tst_headlessrelay.moc"
