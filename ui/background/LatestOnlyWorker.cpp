#include "LatestOnlyWorker.h"

namespace hookscope {

LatestOnlyWorker::LatestOnlyWorker(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

LatestOnlyWorker::~LatestOnlyWorker()
{
    ++m_generation;
    m_pool.clear();
    m_pool.waitForDone(); // the work captured `this`: it must not outlive it
}

quint64 LatestOnlyWorker::begin()
{
    m_busy = true;
    m_pool.clear(); // queued work for an older request is not worth starting
    return ++m_generation;
}

void LatestOnlyWorker::cancel()
{
    ++m_generation;
    m_busy = false;
    m_pool.clear();
}

bool LatestOnlyWorker::finish(quint64 generation)
{
    if (generation != m_generation)
        return false;
    m_busy = false;
    return true;
}

} // namespace hookscope
