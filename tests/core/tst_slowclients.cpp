// Slow clients (slowloris): hundreds of connections trickling a request a byte at a time must
// not keep the receiver from answering a normal client; the connection cap is logged when hit;
// a request head must be complete within the head timeout, however steadily it trickles in.
// The latency under this load is measured by bench/slowloris, not here.
#include "common/RawHttpClient.h"
#include "common/ReceiverFixture.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <sys/resource.h>
#include <algorithm>
#include <map>
#include <vector>

using namespace hookscope;
using namespace hookscope::test;

namespace {

constexpr int kSlowClients = 500;

// Connections that each send a request head one byte at a time, a byte every few seconds.
class Trickler final : public QObject
{
public:
    Trickler(quint16 port, int count)
    {
        m_sockets.reserve(size_t(count));
        for (int i = 0; i < count; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, port);
            m_sockets.push_back(std::move(socket));
        }
        // One byte to the next socket every 8 ms: each gets a byte every 4 s at 500 sockets.
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QTcpSocket &s = *m_sockets[m_next];
            m_next = (m_next + 1) % m_sockets.size();
            const qsizetype at = qsizetype(m_sent[&s]++) % m_head.size();
            if (s.state() == QAbstractSocket::ConnectedState)
                s.write(m_head.constData() + at, 1);
        });
        m_timer.start(8);
    }
    [[nodiscard]] int connected() const
    {
        return int(std::count_if(m_sockets.begin(), m_sockets.end(), [](const auto &s) {
            return s->state() == QAbstractSocket::ConnectedState;
        }));
    }
    // Every socket has sent at least one byte (so none is idle: mid-head, each is busy).
    [[nodiscard]] bool allSpoke() const { return m_sent.size() == m_sockets.size(); }
    [[nodiscard]] qint64 bytesAnswered() const
    {
        qint64 n = 0;
        for (const auto &s : m_sockets)
            n += s->bytesAvailable();
        return n;
    }
    // Sockets whose answer (read or still buffered after the server closed) starts with `prefix`.
    [[nodiscard]] int answeredWith(const QByteArray &prefix) const
    {
        return int(std::count_if(m_sockets.begin(), m_sockets.end(), [&](const auto &s) {
            return s->peek(prefix.size()) == prefix;
        }));
    }

private:
    std::vector<std::unique_ptr<QTcpSocket>> m_sockets;
    std::map<QTcpSocket *, quint64> m_sent;
    size_t m_next = 0;
    QTimer m_timer;
    // Long enough that no socket finishes its head during the test.
    const QByteArray m_head = "POST /slow HTTP/1.1\r\nHost: x\r\nX-Padding: " + QByteArray(4000, 'p');
};

} // namespace

class TestSlowClients final : public QObject, protected ReceiverFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void normalClientIsAnsweredWhileSlowClientsHang();
    void connectionCapIsLoggedWhenReached();
    void headMustBeCompleteWithinHeadTimeout_data();
    void headMustBeCompleteWithinHeadTimeout();
    void headTimeoutCountsFromEachHead();
    void slowlorisConnectionsAreClosedAtHeadTimeout();

private:
    void start(int maxConnections);
    void start(const ReceiverConfig &config);
    [[nodiscard]] QList<Event> storedEvents() const;

};

void TestSlowClients::initTestCase()
{
    // Two descriptors per slow client (client and server side) in this one process.
    rlimit limit{};
    QVERIFY(getrlimit(RLIMIT_NOFILE, &limit) == 0);
    if (limit.rlim_cur < rlim_t(4 * kSlowClients)) {
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 4 * kSlowClients);
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur < rlim_t(2 * kSlowClients + 64))
        QSKIP("the descriptor limit is too low for 500 connections in one process");
}

void TestSlowClients::init()
{
    openStore();
}

void TestSlowClients::cleanup()
{
    tearDown();
}

void TestSlowClients::start(int maxConnections)
{
    ReceiverConfig config;
    config.maxConnections = maxConnections;
    config.idleTimeoutMs = 60'000;
    start(config);
}

void TestSlowClients::start(const ReceiverConfig &config)
{
    ReceiverConfig c = config;
    c.port = 0;
    startOn(m_recorder.get(), c);
}

QList<Event> TestSlowClients::storedEvents() const
{
    EventStore store;
    QString error;
    QList<Event> events;
    if (!store.open(m_path, &error))
        return events;
    const QList<qint64> ids = store.ids();
    for (qint64 id : ids) {
        if (const std::optional<Event> event = store.load(id))
            events.append(*event);
    }
    return events;
}

void TestSlowClients::normalClientIsAnsweredWhileSlowClientsHang()
{
    start(1024);
    Trickler slow(m_receiver->port(), kSlowClients);
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver->connectionCount(), kSlowClients, 20'000);
    QTRY_COMPARE(slow.connected(), kSlowClients);
    QTest::qWait(500); // every slow client has started its head

    qint64 slowest = 0;
    for (int i = 0; i < 20; ++i) {
        RawHttpClient client(m_receiver->port());
        QElapsedTimer clock;
        clock.start();
        client.send(post("/normal", QByteArray::number(i)));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 5000);
        slowest = std::max(slowest, clock.elapsed());
        QCOMPARE(client.responses().first().status, 200);
        // Answered while every slow client is still connected and still unanswered.
        QCOMPARE(slow.connected(), kSlowClients);
    }
    QVERIFY(m_receiver->connectionCount() >= kSlowClients);
    QCOMPARE(slow.bytesAnswered(), 0);
    qInfo("slowest of 20 normal requests with %d slow clients connected: %lld ms (bench/slowloris measures)",
          kSlowClients, slowest);
}

void TestSlowClients::connectionCapIsLoggedWhenReached()
{
    start(40);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                           "connection limit of 40 reached \\(--max-connections\\); new connections "
                                           "wait until one closes")));
    QSignalSpy reached(m_receiver.get(), &Receiver::connectionLimitReached);
    Trickler slow(m_receiver->port(), 40);
    QTRY_COMPARE(m_receiver->connectionCount(), 40);
    // Silent connections would make room for new ones; connections mid-head do not.
    QTRY_VERIFY(slow.allSpoke());
    Trickler more(m_receiver->port(), 5);
    QTRY_COMPARE(reached.count(), 1);
    QTest::qWait(300);
    QCOMPARE(m_receiver->connectionCount(), 40); // the cap holds: the other 5 wait in the backlog
    QCOMPARE(m_receiver->evictedCount(), 0);
}

// One byte every 100 ms keeps the connection clear of the 500 ms idle timeout; only the
// 1.2 s head timeout can end a trickled head. A trickled body is not the head timeout's business.
void TestSlowClients::headMustBeCompleteWithinHeadTimeout_data()
{
    QTest::addColumn<QByteArray>("atOnce");
    QTest::addColumn<QByteArray>("trickled");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("storedTarget"); // how the stored target starts; empty: no event (no target yet)

    const QByteArray headStart = "POST /slow HTTP/1.1\r\nHost: x\r\nX-Pad: ";
    QTest::newRow("headers trickled") << QByteArray() << headStart + QByteArray(300, 'p') << 408
                                      << QByteArray("request head not complete within 1.2 s") << QByteArray("/slow");
    QTest::newRow("request line trickled") << QByteArray() << "GET /" + QByteArray(300, 'a') << 408
                                           << QByteArray("request head not complete within 1.2 s") << QByteArray("/aaa");
    QTest::newRow("blank lines before a head") << QByteArray() << QByteArray(300, '\n') << 408
                                               << QByteArray("request head not complete within 1.2 s") << QByteArray();
    QTest::newRow("rest of the head trickled") << headStart << QByteArray(300, 'p') << 408
                                               << QByteArray("request head not complete within 1.2 s") << QByteArray("/slow");
    QTest::newRow("body trickled longer than the head timeout")
        << QByteArray("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n") << QByteArray(20, 'b') << 200
        << QByteArray(R"({"ok":true})") << QByteArray("/body");
}

void TestSlowClients::headMustBeCompleteWithinHeadTimeout()
{
    QFETCH(QByteArray, atOnce);
    QFETCH(QByteArray, trickled);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, storedTarget);

    ReceiverConfig config;
    config.idleTimeoutMs = 500;
    config.headTimeoutMs = 1200;
    start(config);
    RawHttpClient client(m_receiver->port());
    QElapsedTimer clock;
    clock.start();
    if (!atOnce.isEmpty())
        client.send(atOnce);
    qsizetype next = 0;
    QTimer trickle;
    connect(&trickle, &QTimer::timeout, this, [&] {
        if (next < trickled.size() && client.isConnected())
            client.send(trickled.mid(next++, 1));
    });
    trickle.start(100);
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10'000);
    const qint64 elapsed = clock.elapsed();
    trickle.stop();
    const RawResponse response = client.responses().first();
    QCOMPARE(response.status, status);
    QVERIFY2(response.body.contains(reason), response.body.constData());
    if (status == 408) {
        // Not before the head timeout (coarse timers may fire up to 5% early), and well
        // before the trickle would have ended the head (30 s).
        QVERIFY2(elapsed >= 1140 && elapsed < 5000, qPrintable(QString::number(elapsed)));
        QTRY_VERIFY(client.wasClosed());
        QVERIFY(next < trickled.size());
    } else {
        QCOMPARE(next, trickled.size());
        QVERIFY2(elapsed >= 1900, qPrintable(QString::number(elapsed))); // outlived the head timeout
    }
    if (storedTarget.isEmpty()) {
        QTest::qWait(100);
        QCOMPARE(storedEvents().size(), 0);
    } else {
        QTRY_COMPARE(storedEvents().size(), 1);
        const Event event = storedEvents().first();
        QVERIFY2(event.target.startsWith(storedTarget), event.target.constData());
        QCOMPARE(event.response.status, status);
    }
}

// A keep-alive connection may live longer than the head timeout: the time counts per head.
void TestSlowClients::headTimeoutCountsFromEachHead()
{
    ReceiverConfig config;
    config.idleTimeoutMs = 800;
    config.headTimeoutMs = 1000;
    start(config);
    RawHttpClient client(m_receiver->port());
    QElapsedTimer clock;
    clock.start();
    for (int i = 1; i <= 4; ++i) {
        if (i > 1)
            QTest::qWait(500);
        client.send(post("/again", QByteArray::number(i)));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), i, 5000);
        QCOMPARE(client.responses().last().status, 200);
    }
    QVERIFY(clock.elapsed() > 1500);
    QVERIFY(client.isConnected());
}

void TestSlowClients::slowlorisConnectionsAreClosedAtHeadTimeout()
{
    ReceiverConfig config;
    config.idleTimeoutMs = 60'000;
    config.headTimeoutMs = 1000;
    start(config);
    constexpr int kCount = 50; // a byte to each every 400 ms
    Trickler slow(m_receiver->port(), kCount);
    QTRY_COMPARE(slow.connected(), kCount);
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver->connectionCount(), 0, 10'000);
    QTRY_COMPARE(slow.connected(), 0);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(slow.answeredWith("HTTP/1.1 408 "), kCount);
}

QTEST_GUILESS_MAIN(TestSlowClients)
#include "tst_slowclients.moc"
