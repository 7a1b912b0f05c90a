#pragma once

#include <QObject>

class QSocketNotifier;
class QTimer;

namespace hookscope {

// Turns SIGINT and SIGTERM into a Qt signal on the event loop, so shutdown runs as ordinary
// code: stop accepting, commit what is queued, close the store. Qt has no portable API for this.
// Linux: a self-pipe (socketpair + sigaction), woken at once. Portable fallback (ISO C++ only,
// so macOS and Windows, where the C runtime raises SIGINT for Ctrl+C and SIGTERM on request):
// std::signal stores the number in a lock-free atomic that a 50 ms timer polls.
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr; // Linux
    QTimer *m_poll = nullptr; // portable fallback
};

} // namespace hookscope
