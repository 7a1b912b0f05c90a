// Flood benchmark: RATE events per second for SECONDS seconds, over HTTP, into the shown
// MainWindow (offscreen, table live), with a timer probe on the GUI thread.
//
//   QT_QPA_PLATFORM=offscreen build/bench/gui/bench_flood [RATE=5000] [SECONDS=20] [CONNECTIONS=8]
//
// Senders: CONNECTIONS client threads (blocking POSIX sockets, keep-alive), each paced to
// RATE/CONNECTIONS requests per second, a 1.2 KB JSON body each, waiting for each answer.
// Probe: a 1 ms timer on the GUI thread; the longest gap between two of its ticks is the
// longest time the event loop could not run (target < 50 ms). At the end it checks that every
// request got a 2xx and that every event reached the table (the model's row count).
#include "EventListPane.h"
#include "MainWindow.h"
#include "platform/ThreadPriority.h"
#include "session/CaptureSession.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <time.h>
#include <vector>

using namespace hookscope;

namespace {

// CPU time of the calling thread, µs: a gap in which the GUI thread used little CPU was a wait
// for a CPU (the machine's load), not work on the GUI thread.
qint64 threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

struct SenderResult
{
    int sent = 0;
    int ok = 0; // 2xx
    int failed = 0;
};

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// Reads one response (status line, headers, Content-Length body); returns the status, 0 on error.
int readResponse(int fd, std::string *buffer)
{
    for (;;) {
        const size_t headEnd = buffer->find("\r\n\r\n");
        if (headEnd != std::string::npos) {
            size_t length = 0;
            const size_t cl = buffer->find("Content-Length: ");
            if (cl != std::string::npos && cl < headEnd)
                length = std::stoul(buffer->substr(cl + 16));
            if (buffer->size() >= headEnd + 4 + length) {
                const int status = std::atoi(buffer->c_str() + 9);
                buffer->erase(0, headEnd + 4 + length);
                return status;
            }
        }
        char chunk[4096];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return 0;
        buffer->append(chunk, size_t(n));
    }
}

void flood(quint16 port, int index, int count, double perSecond, std::chrono::steady_clock::time_point start,
          SenderResult *result)
{
    int fd = connectTo(port);
    std::string buffer;
    std::string body = R"({"event":"booking.created","index":)" + std::to_string(index) + R"(,"data":{"note":")"
        + std::string(1100, 'x') + R"("}})";
    for (int i = 0; i < count; ++i) {
        std::this_thread::sleep_until(start + std::chrono::microseconds(qint64(double(i) * 1e6 / perSecond)));
        if (fd < 0)
            fd = connectTo(port);
        const std::string request = "POST /hooks/flood HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    "Content-Length: "
            + std::to_string(body.size()) + "\r\n\r\n" + body;
        ++result->sent;
        const int status = fd >= 0 && ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size())
            ? readResponse(fd, &buffer)
            : 0;
        if (status >= 200 && status < 300) {
            ++result->ok;
        } else {
            ++result->failed;
            if (fd >= 0)
                ::close(fd);
            fd = -1;
            buffer.clear();
        }
    }
    if (fd >= 0)
        ::close(fd);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = QCoreApplication::arguments();
    const int rate = args.size() > 1 ? args[1].toInt() : 5000;
    const int seconds = args.size() > 2 ? args[2].toInt() : 20;
    const int connections = args.size() > 3 ? args[3].toInt() : 8;
    const int total = rate * seconds;

    QTemporaryDir dir;
    AppOptions options;
    options.dbPath = dir.filePath(QStringLiteral("flood.sqlite"));
    options.receiver.port = 0;
    options.portGiven = true;
    options.sync = SyncMode::Normal;
    CaptureSession session;
    lowerCurrentThreadPriority(19); // as app/main.cpp does for the window: capture first
    MainWindow window(&session, options);
    window.resize(1280, 800);
    window.show();
    const quint16 port = session.port();
    if (port == 0) {
        std::fprintf(stderr, "not listening: %s\n", qPrintable(session.errorString()));
        return 1;
    }
    QAbstractItemModel *model = window.listPane()->table()->model();

    // The probe: how long the GUI thread's event loop could not turn.
    QElapsedTimer sinceTick;
    qint64 longestGapUs = 0;
    qint64 longestGapCpuUs = 0; // the GUI thread's own CPU time within that gap
    qint64 longestBusyUs = 0; // the most CPU the GUI thread used between two ticks
    qint64 gapsOver16 = 0;
    qint64 lastCpuUs = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const qint64 gap = sinceTick.nsecsElapsed() / 1000;
        sinceTick.restart();
        const qint64 cpu = threadCpuUs();
        const qint64 busy = cpu - lastCpuUs;
        lastCpuUs = cpu;
        if (gap > longestGapUs) {
            longestGapUs = gap;
            longestGapCpuUs = busy;
        }
        longestBusyUs = std::max(longestBusyUs, busy);
        if (gap > 16'000)
            ++gapsOver16;
    });

    std::printf("flood: %d events/s for %d s (%d events) over %d connections into the shown window, port %u\n", rate,
                seconds, total, connections, port);
    std::vector<SenderResult> results(static_cast<size_t>(connections));
    std::vector<std::thread> senders;
    std::atomic<int> finished{0};
    QElapsedTimer wall;
    // Starts once the window is up and idle.
    QTimer::singleShot(200, &app, [&] {
        sinceTick.start();
        lastCpuUs = threadCpuUs();
        probe.start();
        wall.start();
        const auto start = std::chrono::steady_clock::now();
        for (int c = 0; c < connections; ++c) {
            const int count = total / connections + (c < total % connections ? 1 : 0);
            senders.emplace_back([&, c, count, start] {
                flood(port, c, count, double(rate) / connections, start, &results[size_t(c)]);
                ++finished;
            });
        }
    });
    qint64 sendMs = 0;
    QTimer watch;
    watch.setInterval(50);
    QObject::connect(&watch, &QTimer::timeout, &app, [&] {
        if (finished.load() == connections && sendMs == 0)
            sendMs = wall.elapsed();
        const bool allSent = finished.load() == connections;
        if ((allSent && model->rowCount() >= total) || (wall.isValid() && wall.elapsed() > qint64(seconds) * 1000 + 60'000))
            app.quit();
    });
    watch.start();
    app.exec();
    probe.stop();
    for (std::thread &sender : senders)
        sender.join();

    SenderResult sum;
    for (const SenderResult &r : results) {
        sum.sent += r.sent;
        sum.ok += r.ok;
        sum.failed += r.failed;
    }
    const int rows = model->rowCount();
    std::printf("sent %d in %.1f s (%.0f/s): %d answered 2xx, %d failed\n", sum.sent, double(sendMs) / 1000.0,
                sendMs > 0 ? sum.sent * 1000.0 / double(sendMs) : 0.0, sum.ok, sum.failed);
    std::printf("table rows: %d of %d (%s), all rows in after %.1f s\n", rows, total,
                rows == sum.ok && rows == total ? "every event reached the table" : "MISSING EVENTS",
                double(wall.elapsed()) / 1000.0);
    std::printf("GUI thread: longest event-loop gap %.1f ms (target < 50 ms; the GUI thread ran %.1f ms of it), "
                "%lld gaps over 16 ms; most GUI-thread CPU between two ticks %.1f ms\n",
                double(longestGapUs) / 1000.0, double(longestGapCpuUs) / 1000.0, gapsOver16,
                double(longestBusyUs) / 1000.0);
    return rows == total && sum.ok == total && longestGapUs < 50'000 ? 0 : 3;
}
