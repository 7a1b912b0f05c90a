#pragma once

#include <QObject>

class QSocketNotifier;

namespace hookscope {

// Turns SIGINT and SIGTERM into a Qt signal on the event loop (self-pipe), so shutdown
// runs as ordinary code: stop accepting, commit what is queued, close the store.
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace hookscope
