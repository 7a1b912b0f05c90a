#include "RateMeter.h"

namespace hookscope {

void RateMeter::record(qint64 nowMs, int count)
{
    m_samples.emplace_back(nowMs, count);
    expire(nowMs);
}

void RateMeter::expire(qint64 nowMs)
{
    while (!m_samples.empty() && m_samples.front().first <= nowMs - m_windowMs)
        m_samples.pop_front();
}

double RateMeter::perSecond(qint64 nowMs)
{
    expire(nowMs);
    qint64 total = 0;
    for (const auto &[time, count] : m_samples)
        total += count;
    return double(total) * 1000.0 / double(m_windowMs);
}

} // namespace hookscope
