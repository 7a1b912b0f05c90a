#include "common/FakeNgrokAgent.h"
#include "tunnel/NgrokWatcher.h"
#include "tunnel/TunnelList.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
constexpr quint16 kPort = 8080;
}

class TestNgrokWatcher final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesLocalAddressForms_data();
    void matchesLocalAddressForms();
    void findsThePublicUrlInTheAgentsAnswer_data();
    void findsThePublicUrlInTheAgentsAnswer();
    void absentAgentMeansNoUrlAndNoError();
    void slowAgentTimesOutWithoutUrl();
    void urlChangesAndDisappearsWithTheTunnel();
    void portChangeRepolls();
};

void TestNgrokWatcher::matchesLocalAddressForms_data()
{
    QTest::addColumn<QString>("addr");
    QTest::addColumn<bool>("matches");
    QTest::newRow("http://localhost:8080") << "http://localhost:8080" << true;
    QTest::newRow("localhost:8080") << "localhost:8080" << true;
    QTest::newRow("bare port") << "8080" << true;
    QTest::newRow("127.0.0.1:8080") << "127.0.0.1:8080" << true;
    QTest::newRow("http://[::1]:8080") << "http://[::1]:8080" << true;
    QTest::newRow("https://localhost:8080") << "https://localhost:8080" << true;
    QTest::newRow("other port") << "localhost:3000" << false;
    QTest::newRow("other bare port") << "80800" << false;
    QTest::newRow("other machine") << "192.168.1.20:8080" << false;
    QTest::newRow("no port means 80") << "http://localhost" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("nonsense") << "::::" << false;
}

void TestNgrokWatcher::matchesLocalAddressForms()
{
    QFETCH(QString, addr);
    QFETCH(bool, matches);
    QCOMPARE(TunnelList::addressMatches(addr, kPort), matches);
}

void TestNgrokWatcher::findsThePublicUrlInTheAgentsAnswer_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("problem"); // a part of lastProblem()

    const QByteArray other = FakeNgrokAgent::tunnel("https://other.ngrok.app", "https", "http://localhost:3000");
    const QByteArray http = FakeNgrokAgent::tunnel("http://ours.ngrok.app", "http", "http://localhost:8080");
    const QByteArray https = FakeNgrokAgent::tunnel("https://ours.ngrok.app", "https", "localhost:8080");
    QTest::newRow("several tunnels: ours, https preferred")
        << FakeNgrokAgent::tunnels({other, http, https}) << QByteArray("application/json")
        << "https://ours.ngrok.app" << "";
    QTest::newRow("only an http tunnel to us") << FakeNgrokAgent::tunnels({other, http}) << QByteArray("application/json")
                                               << "http://ours.ngrok.app" << "";
    QTest::newRow("tunnel to another port") << FakeNgrokAgent::tunnels({other}) << QByteArray("application/json") << ""
                                            << "no tunnel to port 8080";
    QTest::newRow("no tunnels") << FakeNgrokAgent::tunnels({}) << QByteArray("application/json") << ""
                                << "no tunnel to port 8080";
    QTest::newRow("garbage JSON") << QByteArray(R"({"tunnels":[{"public_url":)") << QByteArray("application/json") << ""
                                  << "not JSON";
    QTest::newRow("HTML page") << QByteArray("<html><body>ngrok</body></html>") << QByteArray("text/html") << ""
                               << "not JSON";
    QTest::newRow("JSON of another shape") << QByteArray(R"({"tunnels":"none"})") << QByteArray("application/json") << ""
                                           << "no \"tunnels\" array";
    QTest::newRow("tunnel entries of the wrong type")
        << QByteArray(R"({"tunnels":[1,"x",null,{"public_url":5,"config":{"addr":8080}}]})")
        << QByteArray("application/json") << "" << "no tunnel to port 8080";
}

void TestNgrokWatcher::findsThePublicUrlInTheAgentsAnswer()
{
    QFETCH(QByteArray, answer);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, expected);
    QFETCH(QString, problem);
    FakeNgrokAgent agent;
    agent.answer(answer, contentType);
    NgrokWatcher watcher;
    watcher.setApi(QUrl(QString::fromLatin1(agent.apiUrl())));
    watcher.setPort(kPort);
    QSignalSpy changed(&watcher, &NgrokWatcher::publicUrlChanged);
    QSignalSpy polled(&watcher, &NgrokWatcher::polled);
    watcher.start();
    QVERIFY(polled.wait(5000));
    QCOMPARE(watcher.publicUrl(), expected);
    QCOMPARE(changed.size(), expected.isEmpty() ? 0 : 1);
    QVERIFY2(watcher.lastProblem().contains(problem), qPrintable(watcher.lastProblem()));
    QVERIFY(agent.lastRequest().startsWith("GET /api/tunnels HTTP/1.1\r\n"));
}

void TestNgrokWatcher::absentAgentMeansNoUrlAndNoError()
{
    const quint16 closedPort = unusedPort();
    NgrokWatcher watcher;
    watcher.setApi(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)));
    watcher.setPort(kPort);
    watcher.setIntervalMs(50);
    QSignalSpy changed(&watcher, &NgrokWatcher::publicUrlChanged);
    QSignalSpy polled(&watcher, &NgrokWatcher::polled);
    watcher.start();
    QTRY_VERIFY_WITH_TIMEOUT(polled.size() >= 3, 5000); // keeps polling
    QVERIFY(watcher.publicUrl().isEmpty());
    QCOMPARE(changed.size(), 0);
    QVERIFY2(watcher.lastProblem().contains(QStringLiteral("no ngrok agent")), qPrintable(watcher.lastProblem()));
}

void TestNgrokWatcher::slowAgentTimesOutWithoutUrl()
{
    FakeNgrokAgent agent;
    agent.answer(FakeNgrokAgent::tunnels({FakeNgrokAgent::tunnel("https://x.ngrok.app", "https", "8080")}));
    agent.setSilent(true);
    NgrokWatcher watcher;
    watcher.setApi(QUrl(QString::fromLatin1(agent.apiUrl())));
    watcher.setPort(kPort);
    watcher.setTimeoutMs(300);
    QSignalSpy polled(&watcher, &NgrokWatcher::polled);
    QElapsedTimer clock;
    clock.start();
    watcher.start();
    QVERIFY(polled.wait(5000));
    QVERIFY(clock.elapsed() >= 250);
    QVERIFY(watcher.publicUrl().isEmpty());
    QVERIFY(!watcher.lastProblem().isEmpty());
    // Once the agent answers again, the URL appears.
    agent.setSilent(false);
    watcher.setIntervalMs(50);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.publicUrl(), QStringLiteral("https://x.ngrok.app"), 5000);
}

void TestNgrokWatcher::urlChangesAndDisappearsWithTheTunnel()
{
    FakeNgrokAgent agent;
    agent.answer(FakeNgrokAgent::tunnels({FakeNgrokAgent::tunnel("https://one.ngrok.app", "https", "8080")}));
    NgrokWatcher watcher;
    watcher.setApi(QUrl(QString::fromLatin1(agent.apiUrl())));
    watcher.setPort(kPort);
    watcher.setIntervalMs(50);
    QSignalSpy changed(&watcher, &NgrokWatcher::publicUrlChanged);
    watcher.start();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 5000);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("https://one.ngrok.app"));
    const int polls = agent.requests();
    QTRY_VERIFY(agent.requests() > polls + 2);
    QCOMPARE(changed.size(), 1); // the same answer again is no change

    agent.answer(FakeNgrokAgent::tunnels({FakeNgrokAgent::tunnel("https://two.ngrok.app", "https", "8080")}));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 5000);
    QCOMPARE(changed.at(1).at(0).toString(), QStringLiteral("https://two.ngrok.app"));

    agent.answer(FakeNgrokAgent::tunnels({}));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 3, 5000);
    QVERIFY(changed.at(2).at(0).toString().isEmpty());

    agent.answer(FakeNgrokAgent::tunnels({FakeNgrokAgent::tunnel("https://two.ngrok.app", "https", "8080")}));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 4, 5000);
    watcher.stop();
    QCOMPARE(changed.size(), 5);
    QVERIFY(watcher.publicUrl().isEmpty());
}

void TestNgrokWatcher::portChangeRepolls()
{
    FakeNgrokAgent agent;
    agent.answer(FakeNgrokAgent::tunnels({FakeNgrokAgent::tunnel("https://p.ngrok.app", "https", "localhost:9191")}));
    NgrokWatcher watcher;
    watcher.setApi(QUrl(QString::fromLatin1(agent.apiUrl())));
    watcher.setPort(kPort);
    watcher.setIntervalMs(60'000); // only the first poll and the port change ask
    QSignalSpy polled(&watcher, &NgrokWatcher::polled);
    watcher.start();
    QVERIFY(polled.wait(5000));
    QVERIFY(watcher.publicUrl().isEmpty());
    watcher.setPort(9191);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.publicUrl(), QStringLiteral("https://p.ngrok.app"), 5000);
}

QTEST_GUILESS_MAIN(TestNgrokWatcher)
#include "tst_ngrokwatcher.moc"
