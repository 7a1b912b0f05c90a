// Slow clients (slowloris): hundreds of connections trickling a request a byte at a time must
// not keep the receiver from answering a normal client; the connection cap is logged when hit.
// The latency under this load is measured by bench/slowloris, not here.
#include "common/RawHttpClient.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"

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
    [[nodiscard]] qint64 bytesAnswered() const
    {
        qint64 n = 0;
        for (const auto &s : m_sockets)
            n += s->bytesAvailable();
        return n;
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

class TestSlowClients final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void normalClientIsAnsweredWhileSlowClientsHang();
    void connectionCapIsLoggedWhenReached();

private:
    void start(int maxConnections);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventRecorder> m_recorder;
    std::unique_ptr<Receiver> m_receiver;
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
    m_dir = std::make_unique<QTemporaryDir>();
    m_recorder = std::make_unique<EventRecorder>();
    QString error;
    QVERIFY2(m_recorder->open(m_dir->filePath(QStringLiteral("events.sqlite")), &error), qPrintable(error));
}

void TestSlowClients::cleanup()
{
    m_receiver.reset();
    m_recorder.reset();
    m_dir.reset();
}

void TestSlowClients::start(int maxConnections)
{
    m_receiver = std::make_unique<Receiver>(m_recorder.get());
    ReceiverConfig config;
    config.port = 0;
    config.maxConnections = maxConnections;
    config.idleTimeoutMs = 60'000;
    m_receiver->setConfig(config);
    QVERIFY2(m_receiver->start(), qPrintable(m_receiver->errorString()));
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
    Trickler slow(m_receiver->port(), 45);
    QTRY_COMPARE(m_receiver->connectionCount(), 40);
    QTRY_COMPARE(reached.count(), 1);
    QTest::qWait(300);
    QCOMPARE(m_receiver->connectionCount(), 40); // the cap holds: the other 5 wait in the backlog
}

QTEST_GUILESS_MAIN(TestSlowClients)
#include "tst_slowclients.moc"
