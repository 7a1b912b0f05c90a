#include "ThreadPriority.h"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hookscope {

void lowerCurrentThreadPriority(int niceValue)
{
#ifdef __linux__
    // On Linux, PRIO_PROCESS with a thread id sets that one thread's nice value.
    ::setpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)), niceValue);
#else
    (void)niceValue;
#endif
}

void runCurrentThreadWhenIdle()
{
    lowerCurrentThreadPriority(19);
#ifdef __linux__
    sched_param param{};
    param.sched_priority = 0;
    ::pthread_setschedparam(::pthread_self(), SCHED_IDLE, &param);
#endif
}

} // namespace hookscope
