#include "ThreadPriority.h"

#include "PlatformFeatures.h"

#ifdef HOOKSCOPE_LINUX_PATHS
#include <pthread.h>
#include <sched.h>
#include <cerrno>
#include <QtGlobal>
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

namespace {
// struct sched_attr (include/uapi/linux/sched/types.h, SCHED_ATTR_SIZE_VER0): glibc 2.36 has no
// declaration of it nor a wrapper for sched_setattr.
struct SchedAttr {
    quint32 size;
    quint32 policy;
    quint64 flags;
    qint32 nice;
    quint32 priority;
    quint64 runtimeNs; // for SCHED_OTHER: the requested slice (Linux 6.12+)
    quint64 deadlineNs;
    quint64 periodNs;
};
static_assert(sizeof(SchedAttr) == 48);
constexpr quint64 kShortSliceNs = 100'000; // the kernel's lower bound, 0.1 ms
} // namespace

bool requestShortTimeSlice()
{
#ifdef SYS_sched_setattr
    const id_t tid = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, tid);
    if (errno != 0)
        return false;
    SchedAttr attr{};
    attr.size = sizeof attr;
    attr.policy = SCHED_OTHER;
    attr.nice = nice; // unchanged
    attr.runtimeNs = kShortSliceNs;
    return ::syscall(SYS_sched_setattr, 0, &attr, 0) == 0;
#else
    return false;
#endif
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

bool requestShortTimeSlice()
{
    return false;
}

void runCurrentThreadWhenIdle()
{
    if (QThread *thread = QThread::currentThread(); thread && thread->isRunning())
        thread->setPriority(QThread::IdlePriority);
}

#endif

} // namespace hookscope
