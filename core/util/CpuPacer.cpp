#include "CpuPacer.h"

#include <thread>

namespace hookscope {

namespace {
thread_local CpuPacer *t_current = nullptr;
} // namespace

CpuPacer::CpuPacer(std::chrono::microseconds burst, std::chrono::microseconds rest)
    : m_burst(burst)
    , m_rest(rest)
    , m_since(std::chrono::steady_clock::now())
{
}

void CpuPacer::pace()
{
    if (std::chrono::steady_clock::now() - m_since < m_burst)
        return;
    std::this_thread::sleep_for(m_rest);
    m_pauses.fetch_add(1, std::memory_order_relaxed);
    m_since = std::chrono::steady_clock::now();
}

CpuPacer *CpuPacer::current()
{
    return t_current;
}

void CpuPacer::setCurrent(CpuPacer *pacer)
{
    t_current = pacer;
}

} // namespace hookscope
