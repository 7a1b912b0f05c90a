#include "SignalWatcher.h"

#include "PlatformFeatures.h"

#include <QSocketNotifier>
#include <QTimer>
#include <csignal>

#ifdef HOOKSCOPE_LINUX_PATHS
#include <sys/socket.h>
#include <unistd.h>
#else
#include <atomic>
#endif

namespace hookscope {

#ifdef HOOKSCOPE_LINUX_PATHS

namespace {
int g_pipe[2] = {-1, -1};

void onSignal(int number)
{
    const char byte = char(number);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
}
} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
    if (g_pipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        if (::read(g_pipe[0], &byte, 1) == 1)
            Q_EMIT terminationRequested(int(byte));
    });
    struct sigaction action = {};
    action.sa_handler = &onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

#else // portable

namespace {
// Lock-free, so it may be written from a signal handler (std::atomic<int> is on every target
// Qt 6 supports; checked at compile time).
std::atomic<int> g_pending{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void onSignal(int number)
{
    g_pending.store(number, std::memory_order_relaxed);
}
} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
    g_pending.store(0, std::memory_order_relaxed);
    m_poll = new QTimer(this);
    m_poll->setInterval(50); // shutdown starts within 50 ms of the signal
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (const int number = g_pending.exchange(0, std::memory_order_relaxed))
            Q_EMIT terminationRequested(number);
    });
    m_poll->start();
    std::signal(SIGINT, &onSignal);
    std::signal(SIGTERM, &onSignal);
}

#endif

SignalWatcher::~SignalWatcher()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace hookscope
