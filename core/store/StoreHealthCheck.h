#pragma once

#include "StoreHealth.h"

#include <QObject>
#include <atomic>
#include <memory>

class QThread;

namespace hookscope {

// The check of the store at start-up (StoreHealth, Events: every event read in windows of 100,
// so no read transaction holds the WAL for long), on a thread of its own that runs only when
// the CPU is otherwise idle and paces itself, so capturing goes on at full speed meanwhile.
// The window and the headless runner say what it found; nothing is changed. Stop it before
// the store's writer closes: its final checkpoint would wait for the check's reads.
class StoreHealthCheck final : public QObject
{
    Q_OBJECT
public:
    explicit StoreHealthCheck(QObject *parent = nullptr);
    ~StoreHealthCheck() override; // stops a check under way and waits for its thread

    void start(const QString &path);
    void stop(); // at once: SQLite's progress handler and the event scan poll the flag
    [[nodiscard]] bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    // In this object's thread, once the check ran to its end (not when it was stopped).
    void finished(const hookscope::StoreHealthReport &report);

private:
    QThread *m_thread = nullptr; // owned; deleted once joined
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace hookscope
