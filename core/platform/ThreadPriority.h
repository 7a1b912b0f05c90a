#pragma once

namespace hookscope {

// Lowers the calling thread's CPU priority (Linux: per-thread nice value; portable fallback:
// QThread::LowPriority / LowestPriority, which macOS and Windows honour). QThread's
// priorities do nothing under the default SCHED_OTHER policy, but background work
// (WAL checkpoints, validation) must yield to the thread that answers requests.
void lowerCurrentThreadPriority(int niceValue);

// Makes the calling thread run only when the CPU has nothing else to do (Linux:
// SCHED_IDLE, plus nice 19 where that policy is refused; portable fallback: QThread::IdlePriority,
// which Qt maps to SCHED_IDLE on Linux, the background QoS class on macOS and
// THREAD_PRIORITY_IDLE on Windows). A woken request thread
// preempts it at once, instead of waiting for the end of its time slice.
void runCurrentThreadWhenIdle();

// Asks for a short time slice for the calling thread, for threads a waiting sender's answer
// depends on (the capture thread, the store writer). Linux 6.12 and later (EEVDF) let a woken
// thread with a shorter slice preempt the running one at once, so a request never waits for a
// busy GUI thread's slice to end; the thread's share of the CPU is unchanged and no privilege
// is needed. Elsewhere it does nothing. Returns whether the kernel took it.
bool requestShortTimeSlice();

} // namespace hookscope
