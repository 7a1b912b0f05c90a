#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace hookscope {

// Keeps a background thread's bursts on the CPU short. Linux's scheduler (EEVDF) still picks a
// SCHED_IDLE thread now and then while the request threads are runnable, and that thread then
// keeps the CPU until the next scheduler tick (4 ms at HZ=250): those were most of the c1
// latency spikes (a WAL checkpoint running while a request waited). A thread that sleeps a
// moment after every short burst leaves the run queue, so a waiting request thread gets the CPU
// back within one burst. Costs the background work about rest / (burst + rest) of its speed.
class CpuPacer
{
public:
    explicit CpuPacer(std::chrono::microseconds burst = std::chrono::microseconds(250),
                      std::chrono::microseconds rest = std::chrono::microseconds(50));

    // Call between small pieces of work: sleeps for `rest` once `burst` has passed since the
    // last sleep.
    void pace();
    [[nodiscard]] std::uint64_t pauses() const { return m_pauses.load(std::memory_order_relaxed); }

    // The calling thread's pacer, for hooks deep inside a library (SqlitePacing); nullptr: none.
    [[nodiscard]] static CpuPacer *current();
    static void setCurrent(CpuPacer *pacer);

private:
    std::chrono::nanoseconds m_burst;
    std::chrono::nanoseconds m_rest;
    std::chrono::steady_clock::time_point m_since;
    std::atomic<std::uint64_t> m_pauses{0};
};

} // namespace hookscope
