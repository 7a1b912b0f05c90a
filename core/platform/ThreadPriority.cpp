#include "ThreadPriority.h"

#include "PlatformFeatures.h"

#ifdef HOOKSCOPE_LINUX_PATHS
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#else
#include <QThread>
#endif

namespace hookscope {

#ifdef HOOKSCOPE_LINUX_PATHS

void lowerCurrentThreadPriority(int niceValue)
{
    // On Linux, PRIO_PROCESS with a thread id sets that one thread's nice value.
    ::setpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)), niceValue);
}

void runCurrentThreadWhenIdle()
{
    lowerCurrentThreadPriority(19);
    sched_param param{};
    param.sched_priority = 0;
    ::pthread_setschedparam(::pthread_self(), SCHED_IDLE, &param);
}

#else // portable: Qt's thread priorities (macOS: QoS/pthread priority; Windows: SetThreadPriority)

void lowerCurrentThreadPriority(int niceValue)
{
    QThread *thread = QThread::currentThread();
    // Only a running QThread takes a priority (Qt warns otherwise, e.g. for adopted threads).
    if (thread && thread->isRunning())
        thread->setPriority(niceValue >= 19 ? QThread::LowestPriority : QThread::LowPriority);
}

void runCurrentThreadWhenIdle()
{
    if (QThread *thread = QThread::currentThread(); thread && thread->isRunning())
        thread->setPriority(QThread::IdlePriority);
}

#endif

} // namespace hookscope
