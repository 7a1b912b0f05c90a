#pragma once

// Which implementation each core/platform class compiles. HOOKSCOPE_LINUX_PATHS: the Linux
// system calls (sync_file_range, SCHED_IDLE, SQLite's unix VFS hook, a self-pipe for signals).
// Without it (any other OS, or -DHOOKSCOPE_PORTABLE_ONLY=ON): the portable fallbacks, written
// against ISO C++, Qt and SQLite's public API only.
#if defined(__linux__) && !defined(HOOKSCOPE_PORTABLE_ONLY)
#define HOOKSCOPE_LINUX_PATHS 1
#endif

namespace hookscope::platform {

// For logs and tests: which implementations this binary was built with.
[[nodiscard]] constexpr bool linuxPaths()
{
#ifdef HOOKSCOPE_LINUX_PATHS
    return true;
#else
    return false;
#endif
}

} // namespace hookscope::platform
