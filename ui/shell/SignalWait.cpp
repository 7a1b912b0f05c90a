#include "SignalWait.h"

#include <QTimer>

namespace hookscope {

SignalWait::SignalWait(std::function<bool()> done)
    : m_done(std::move(done))
{
}

bool SignalWait::wait(int timeoutMs)
{
    if (m_done())
        return true;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &m_loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    m_loop.exec();
    return m_done();
}

void SignalWait::check()
{
    if (m_done())
        m_loop.quit();
}

void SignalWait::settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace hookscope
