#include "common/HeadlessChild.h"
#include "common/RawHttpClient.h"
#include "store/EventStore.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <functional>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// Keep-alive clients that each send one request after the other, with a unique body,
// and remember which bodies were acknowledged with a complete 2xx.
class LoadDriver final : public QObject
{
public:
    LoadDriver(quint16 port, int connections, int round)
        : m_round(round)
    {
        for (int c = 0; c < connections; ++c) {
            auto *client = new RawHttpClient(port, this);
            m_clients.append(client);
            m_sent.append(0);
            // Runs after the client's own readyRead handler has appended the bytes.
            connect(&client->socket(), &QTcpSocket::readyRead, this, [this, c] { onResponse(c); });
            sendNext(c);
        }
    }
    [[nodiscard]] const QList<QByteArray> &acknowledged() const { return m_acknowledged; }
    void stop() { m_stopped = true; }
    // Runs `action` synchronously the moment the n-th acknowledgement has been read, so
    // that a kill lands while the newest acknowledged events are as fresh as they can be.
    void at(int n, std::function<void()> action)
    {
        m_triggerAt = n;
        m_trigger = std::move(action);
    }

private:
    [[nodiscard]] QByteArray bodyFor(int c, int n) const
    {
        return R"({"marker":"r)" + QByteArray::number(m_round) + "c" + QByteArray::number(c) + '-' + QByteArray::number(n) + R"(","pad":")"
            + QByteArray(1500, 'p') + "\"}";
    }
    void sendNext(int c)
    {
        if (m_stopped)
            return;
        m_clients[c]->send(post("/load", bodyFor(c, m_sent[c]), "Content-Type: application/json\r\n"));
        ++m_sent[c];
    }
    void onResponse(int c)
    {
        const QList<RawResponse> responses = m_clients[c]->responses();
        while (m_counted.value(c) < responses.size()) {
            const int n = m_counted.value(c);
            if (responses[n].status >= 200 && responses[n].status < 300)
                m_acknowledged.append(bodyFor(c, n));
            if (m_trigger && m_acknowledged.size() >= m_triggerAt) {
                m_trigger();
                m_trigger = nullptr;
                m_stopped = true;
                return;
            }
            m_counted[c] = n + 1;
            sendNext(c);
        }
    }

    int m_round = 0;
    QList<RawHttpClient *> m_clients; // owned through QObject parenting
    QList<int> m_sent;
    QHash<int, int> m_counted;
    QList<QByteArray> m_acknowledged;
    bool m_stopped = false;
    int m_triggerAt = 0;
    std::function<void()> m_trigger;
};

} // namespace

class TestHeadless final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void printsListeningThenStoreThenOneLinePerEvent();
    void sigtermShutsDownCleanlyAndKeepsEvents();
    void busyPortExitsWithAClearError();
    void helpDocumentsEveryOption_data();
    void helpDocumentsEveryOption();
    void badOptionExitsWithUsageError();
    void guiWithoutDisplaySuggestsHeadless();
    void killNineUnderLoadLosesNoAcknowledgedEvent_data();
    void killNineUnderLoadLosesNoAcknowledgedEvent();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    [[nodiscard]] QString dbPath() const { return m_dir->filePath(QStringLiteral("events.sqlite")); }
};

void TestHeadless::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHeadless::printsListeningThenStoreThenOneLinePerEvent()
{
    HeadlessChild child(dbPath());
    const quint16 port = child.readPort();
    QVERIFY2(port != 0, child.firstLine().constData());
    QCOMPARE(child.line(), "Store: " + dbPath().toUtf8() + " (0 events)");

    RawHttpClient client(port);
    client.send(post("/hooks/a?b=1", R"({"x":1})"));
    client.send("GET /ping HTTP/1.1\r\n\r\n");
    QTRY_COMPARE(client.responses().size(), 2);
    static const QRegularExpression eventLine(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (\\S+) (\\S+) (\\d{3}) (\\d+) B$"));
    const auto first = eventLine.match(QString::fromUtf8(child.line()));
    QVERIFY(first.hasMatch());
    QCOMPARE(first.captured(1), QStringLiteral("POST"));
    QCOMPARE(first.captured(2), QStringLiteral("/hooks/a?b=1"));
    QCOMPARE(first.captured(3), QStringLiteral("200"));
    QCOMPARE(first.captured(4), QStringLiteral("7"));
    const auto second = eventLine.match(QString::fromUtf8(child.line()));
    QVERIFY(second.hasMatch());
    QCOMPARE(second.captured(2), QStringLiteral("/ping"));
}

void TestHeadless::sigtermShutsDownCleanlyAndKeepsEvents()
{
    {
        HeadlessChild child(dbPath());
        const quint16 port = child.readPort();
        QVERIFY(port != 0);
        RawHttpClient client(port);
        for (int i = 0; i < 3; ++i)
            client.send(post("/t", QByteArray::number(i)));
        QTRY_COMPARE(client.responses().size(), 3);
        child.process().terminate(); // SIGTERM
        QVERIFY(child.process().waitForFinished(10000));
        QCOMPARE(child.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.process().exitCode(), 0);
    }
    HeadlessChild again(dbPath());
    QVERIFY(again.readPort() != 0);
    QCOMPARE(again.line(), "Store: " + dbPath().toUtf8() + " (3 events)");
}

void TestHeadless::busyPortExitsWithAClearError()
{
    HeadlessChild first(dbPath());
    const quint16 port = first.readPort();
    QVERIFY(port != 0);
    QProcess second;
    second.start(QStringLiteral(HOOKSCOPE_BINARY),
                 {QStringLiteral("--headless"), QStringLiteral("--port"), QString::number(port), QStringLiteral("--db"),
                  m_dir->filePath(QStringLiteral("other.sqlite"))});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    const QByteArray err = second.readAllStandardError();
    QVERIFY2(err.contains("Port " + QByteArray::number(port) + " is already in use"), err.constData());
    QVERIFY(err.contains("--port"));
    QVERIFY(second.readAllStandardOutput().isEmpty());
}

void TestHeadless::helpDocumentsEveryOption_data()
{
    QTest::addColumn<QString>("option");
    for (const char *name : {"--headless", "--bind", "--port", "--db", "--sync", "--no-validate", "--max-body", "--max-head",
                             "--idle-timeout", "--head-timeout", "--max-connections", "--response-status", "--response-header",
                             "--response-body", "--response-body-file", "--help", "--version"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestHeadless::helpDocumentsEveryOption()
{
    QFETCH(QString, option);
    QProcess help;
    help.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(10000));
    QCOMPARE(help.exitCode(), 0);
    const QString text = QString::fromUtf8(help.readAllStandardOutput());
    QVERIFY2(text.contains(option), qPrintable(text));
}

void TestHeadless::badOptionExitsWithUsageError()
{
    QProcess bad;
    bad.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("99999")});
    QVERIFY(bad.waitForFinished(10000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("--port: '99999' is not a port number"));
}

void TestHeadless::guiWithoutDisplaySuggestsHeadless()
{
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--db"), dbPath()});
    QVERIFY(gui.waitForFinished(10000));
    QCOMPARE(gui.exitCode(), 2);
    const QByteArray err = gui.readAllStandardError();
    QVERIFY2(err.contains("no display") && err.contains("--headless"), err.constData());
}

void TestHeadless::killNineUnderLoadLosesNoAcknowledgedEvent_data()
{
    QTest::addColumn<QStringList>("options");
    // Both modes commit before the 2xx; `normal` leaves the WAL's sync to the OS (a crash
    // of the machine could lose the last commits), which a killed process does not touch.
    QTest::newRow("--sync full (the default)") << QStringList{};
    QTest::newRow("--sync normal") << QStringList{QStringLiteral("--sync"), QStringLiteral("normal")};
}

void TestHeadless::killNineUnderLoadLosesNoAcknowledgedEvent()
{
    QFETCH(QStringList, options);
    // Several rounds on the same store: load, SIGKILL at the moment an acknowledgement
    // arrives, restart. Every body that got a 2xx must be stored exactly once.
    QList<QByteArray> acknowledged;
    for (int round = 0; round < 4; ++round) {
        HeadlessChild child(dbPath(), options);
        const quint16 port = child.readPort();
        QVERIFY(port != 0);
        const qint64 pid = child.process().processId();
        LoadDriver load(port, 8, round);
        bool killed = false;
        load.at(400 + 300 * round, [pid, &killed] {
            ::kill(pid_t(pid), SIGKILL);
            killed = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(killed, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(child.process().state(), QProcess::NotRunning, 10000);
        QCOMPARE(child.process().exitStatus(), QProcess::CrashExit);
        acknowledged += load.acknowledged();
    }

    EventStore store;
    QString error;
    QVERIFY2(store.open(dbPath(), &error), qPrintable(error));
    QSet<QByteArray> bodies;
    int duplicates = 0;
    for (qint64 id : store.ids()) {
        const QByteArray body = store.load(id)->body;
        if (bodies.contains(body))
            ++duplicates;
        bodies.insert(body);
    }
    int missing = 0;
    for (const QByteArray &body : acknowledged)
        missing += bodies.contains(body) ? 0 : 1;
    qInfo("acknowledged %lld, stored %lld, missing %d", qint64(acknowledged.size()), qint64(bodies.size()), missing);
    QCOMPARE(missing, 0);
    QCOMPARE(duplicates, 0);
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
