#pragma once

namespace hookscope {

// Lowers the calling thread's CPU priority (Linux: per-thread nice value). QThread's
// priorities do nothing under the default SCHED_OTHER policy, but background work
// (WAL checkpoints, validation) must yield to the thread that answers requests.
void lowerCurrentThreadPriority(int niceValue);

} // namespace hookscope
