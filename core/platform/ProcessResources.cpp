#include "ProcessResources.h"

#include "PlatformFeatures.h"

#include <algorithm>

#ifdef HOOKSCOPE_LINUX_PATHS
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#endif

namespace hookscope::platform {

quint64 raiseOpenFileLimit(quint64 wanted)
{
#ifdef HOOKSCOPE_LINUX_PATHS
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur >= wanted)
        return limit.rlim_cur;
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? rlim_t(wanted) : std::min(rlim_t(wanted), limit.rlim_max);
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0)
        return limit.rlim_cur;
    return raised.rlim_cur;
#else
    Q_UNUSED(wanted);
    return 0;
#endif
}

void releaseFreeMemory()
{
#if defined(HOOKSCOPE_LINUX_PATHS) && defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace hookscope::platform
