// Hostile senders against a real `hookscope --headless` child process: compression bombs in
// flood, a client that sends and never reads, a thousand connections that never speak. The
// child's memory is read from /proc (VmHWM: peak resident set; VmRSS: now) and printed.
// Latency under these loads is measured by bench/slowloris; here only "answered at all, in
// seconds rather than at a timeout" is asserted.
#include "common/RawHttpClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <sys/resource.h>
#include <memory>
#include <vector>
#include <zlib.h>

using namespace hookscope::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

// `bytes` of zeros, gzip-compressed in one go (63 MiB become about 64 KiB).
QByteArray gzipZeros(qint64 bytes)
{
    z_stream s{};
    deflateInit2(&s, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    const QByteArray zeros(1024 * 1024, '\0');
    QByteArray out;
    char chunk[64 * 1024];
    for (qint64 left = bytes; left >= 0;) {
        const qint64 n = qMin<qint64>(left, zeros.size());
        s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
        s.avail_in = uInt(n);
        left -= n;
        const int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            s.next_out = reinterpret_cast<Bytef *>(chunk);
            s.avail_out = sizeof(chunk);
            deflate(&s, flush);
            out.append(chunk, qsizetype(sizeof(chunk) - s.avail_out));
        } while (s.avail_out == 0);
        if (flush == Z_FINISH)
            break;
    }
    deflateEnd(&s);
    return out;
}

// A `hookscope --headless` child on port 0.
class Child
{
public:
    explicit Child(const QString &dir, const QStringList &extra = {})
    {
        m_process.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
        m_process.setArguments(QStringList{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                                           QStringLiteral("--db"), dir + QStringLiteral("/events.sqlite"),
                                           QStringLiteral("--sync"), QStringLiteral("normal")}
                               + extra);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        QDeadlineTimer deadline(15000);
        while (!m_process.canReadLine() && !deadline.hasExpired())
            m_process.waitForReadyRead(100);
        const QByteArray line = m_process.readLine();
        static const QRegularExpression re(QStringLiteral("^Listening on http://127\\.0\\.0\\.1:(\\d+)/"));
        const auto match = re.match(QString::fromUtf8(line));
        m_port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
        // One line per event follows: read it away so the pipe never fills.
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { m_process.readAllStandardOutput(); });
    }
    ~Child()
    {
        m_process.kill();
        m_process.waitForFinished();
    }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] bool running() const { return m_process.state() == QProcess::Running; }
    // A field of /proc/PID/status in bytes (VmRSS, VmHWM), -1 when unreadable.
    [[nodiscard]] qint64 status(const QByteArray &field) const
    {
        QFile file(QStringLiteral("/proc/%1/status").arg(m_process.processId()));
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.startsWith(field + ':'))
                return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong() * 1024;
        }
        return -1;
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace

class TestHostileSenders final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void gzipBombFloodStaysUnder512MiB();
    void clientThatNeverReadsHoldsBoundedMemory();
    void normalClientIsAnsweredBesideElevenHundredSilentSockets();

private:
    QTemporaryDir m_dir;
};

void TestHostileSenders::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!QFile::exists(QStringLiteral("/proc/self/status")))
        QSKIP("needs /proc to read the child's memory");
    // 1,100 client sockets in this process (the child raises its own limit).
    rlimit limit{};
    QVERIFY(getrlimit(RLIMIT_NOFILE, &limit) == 0);
    if (limit.rlim_cur < 2048) {
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 2048);
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

void TestHostileSenders::gzipBombFloodStaysUnder512MiB()
{
    QTemporaryDir dir;
    Child child(dir.path());
    QVERIFY(child.port() != 0);
    const qint64 before = child.status("VmRSS");
    const QByteArray bomb = gzipZeros(63 * kMiB);
    QVERIFY(bomb.size() < 80 * 1024);

    // 32 at once on their own connections, then 8 connections with 40 pipelined each.
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < 32; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>(child.port()));
        clients.back()->send(post("/bomb", bomb, "Content-Encoding: gzip\r\nContent-Type: application/json\r\n"));
    }
    QByteArray forty;
    for (int i = 0; i < 40; ++i)
        forty += post("/bomb", bomb, "Content-Encoding: gzip\r\n");
    for (int i = 0; i < 8; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>(child.port()));
        clients.back()->send(forty);
    }
    RawHttpClient normal(child.port());
    normal.send(post("/normal", R"({"ok":1})"));
    const auto answered = [&] {
        for (size_t i = 0; i < clients.size(); ++i) {
            if (clients[i]->responses().size() < (i < 32 ? 1 : 40))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(answered(), 120'000);
    for (const auto &client : clients) {
        for (const RawResponse &r : client->responses()) {
            QCOMPARE(r.status, 413);
            QVERIFY(r.body.contains("to more than 16777216 bytes"));
        }
    }
    QTRY_COMPARE(normal.responses().size(), 1);
    QCOMPARE(normal.responses().first().status, 200);
    QVERIFY(child.running());
    const qint64 peak = child.status("VmHWM");
    qInfo("352 gzip bombs (63 MiB each when decoded; 32 at once + 8 x 40 pipelined): peak RSS %.1f MiB "
          "(%.1f MiB before)",
          double(peak) / kMiB, double(before) / kMiB);
    QVERIFY2(peak < 512 * kMiB, qPrintable(QString::number(peak / kMiB)));
}

void TestHostileSenders::clientThatNeverReadsHoldsBoundedMemory()
{
    QTemporaryDir dir;
    QFile answer(dir.filePath(QStringLiteral("answer.txt")));
    QVERIFY(answer.open(QIODevice::WriteOnly));
    answer.write(QByteArray(4096, 'a'));
    answer.close();
    Child child(dir.path(), {QStringLiteral("--response-body-file"), answer.fileName()});
    QVERIFY(child.port() != 0);
    RawHttpClient warm(child.port()); // the store and the first connection set up
    warm.send(post("/warm", "1"));
    QTRY_COMPARE(warm.responses().size(), 1);
    const qint64 before = child.status("VmRSS");

    // 1.8 MB of requests answered with 4 KiB each (80 MiB of answers), never read.
    auto greedy = std::make_unique<RawHttpClient>(child.port());
    greedy->socket().setReadBufferSize(1);
    QByteArray requests;
    while (requests.size() < 1'800'000)
        requests += "GET /r HTTP/1.1\r\nHost: x\r\n\r\n";
    greedy->send(requests);
    qint64 peakRss = 0;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 4000) { // sampling, not proving: the assertion is on the peak
        QTest::qWait(100);
        peakRss = qMax(peakRss, child.status("VmRSS"));
    }
    greedy->socket().abort();
    greedy.reset();
    RawHttpClient after(child.port());
    after.send(post("/after", "1"));
    QTRY_COMPARE(after.responses().size(), 1);
    // Memory returns once the client left (the buffers are freed and trimmed).
    QTRY_VERIFY_WITH_TIMEOUT(child.status("VmRSS") < before + 32 * kMiB, 10'000);
    const qint64 left = child.status("VmRSS");
    qInfo("client that never reads, 1.8 MB of requests, 4 KiB answers: RSS %.1f MiB before, peak %.1f MiB, "
          "%.1f MiB after it left",
          double(before) / kMiB, double(peakRss) / kMiB, double(left) / kMiB);
    QVERIFY2(peakRss < before + 48 * kMiB, qPrintable(QString::number(peakRss / kMiB)));
}

void TestHostileSenders::normalClientIsAnsweredBesideElevenHundredSilentSockets()
{
    QTemporaryDir dir;
    Child child(dir.path());
    QVERIFY(child.port() != 0);
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 1100; ++i) {
        silent.push_back(std::make_unique<QTcpSocket>());
        silent.back()->connectToHost(QHostAddress::LocalHost, child.port());
    }
    const auto connected = [&] {
        return std::count_if(silent.begin(), silent.end(),
                             [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; });
    };
    QTRY_COMPARE_WITH_TIMEOUT(connected(), 1100L, 20'000);
    qint64 slowest = 0;
    for (int i = 0; i < 10; ++i) {
        QElapsedTimer clock;
        clock.start();
        RawHttpClient normal(child.port());
        normal.send(post("/normal", QByteArray::number(i)));
        // Before: the 1,025th connection waited in the backlog until a silent one timed out (30 s).
        QTRY_COMPARE_WITH_TIMEOUT(normal.responses().size(), 1, 5000);
        QCOMPARE(normal.responses().first().status, 200);
        slowest = qMax(slowest, clock.elapsed());
    }
    qInfo("slowest of 10 normal requests beside 1,100 silent sockets: %lld ms (bench/slowloris measures)", slowest);
    QVERIFY(child.running());
}

QTEST_GUILESS_MAIN(TestHostileSenders)
#include "tst_hostilesenders.moc"
