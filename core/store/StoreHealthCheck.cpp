#include "StoreHealthCheck.h"

#include "util/Log.h"
#include "platform/ThreadPriority.h"

#include <QThread>

namespace hookscope {

StoreHealthCheck::StoreHealthCheck(QObject *parent)
    : QObject(parent)
{
}

StoreHealthCheck::~StoreHealthCheck()
{
    stop();
}

void StoreHealthCheck::stop()
{
    if (!m_thread)
        return;
    m_cancel->store(true);
    m_thread->wait(); // SQLite's check polls the flag every 1,000 steps, the event scan per event
    delete m_thread;
    m_thread = nullptr;
}

void StoreHealthCheck::start(const QString &path)
{
    stop();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto report = std::make_shared<StoreHealthReport>();
    m_thread = QThread::create([path, cancel = m_cancel, report] {
        runCurrentThreadWhenIdle();
        *report = StoreHealth::check(path, StoreHealth::Depth::Events, cancel.get(), true);
    });
    m_thread->setObjectName(QStringLiteral("store-check"));
    // QThread::finished comes from the thread itself: queued, it runs here once the report is written.
    connect(m_thread, &QThread::finished, this, [this, report, thread = m_thread] {
        if (thread != m_thread)
            return;
        thread->wait();
        delete thread;
        m_thread = nullptr;
        if (report->cancelled)
            return;
        if (!report->healthy())
            qCWarning(lcStore).noquote() << "store check:" << report->path << report->summary();
        Q_EMIT finished(*report);
    }, Qt::QueuedConnection);
    m_thread->start();
}

} // namespace hookscope
