#pragma once

#include <QtGlobal>
#include <deque>
#include <utility>

namespace hookscope {

// Events per second over a sliding window (default: the last 5 s). Times are passed in,
// so the arithmetic is testable without waiting.
class RateMeter final
{
public:
    explicit RateMeter(qint64 windowMs = 5000)
        : m_windowMs(windowMs)
    {
    }

    void record(qint64 nowMs, int count);
    [[nodiscard]] double perSecond(qint64 nowMs);
    void reset() { m_samples.clear(); }

private:
    void expire(qint64 nowMs);

    qint64 m_windowMs;
    std::deque<std::pair<qint64, int>> m_samples; // (time, events) per batch
};

} // namespace hookscope
