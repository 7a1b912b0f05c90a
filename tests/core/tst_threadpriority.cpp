// The threads a waiting sender depends on ask the kernel for a short time slice, so that they
// preempt a busy GUI thread at once (Linux 6.12+ EEVDF); the others keep the default.
#include "platform/ThreadPriority.h"
#include "session/CaptureSession.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace hookscope;

namespace {
// "se.slice : 100000" from /proc/self/task/TID/sched, by the thread's name; -1 where absent.
QHash<QString, qint64> slicesByThreadName()
{
    QHash<QString, qint64> slices;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        QFile sched(tasks.filePath(tid + QStringLiteral("/sched")));
        if (!comm.open(QIODevice::ReadOnly) || !sched.open(QIODevice::ReadOnly))
            continue;
        qint64 slice = -1;
        for (const QByteArray &line : sched.readAll().split('\n')) {
            if (line.simplified().startsWith("se.slice"))
                slice = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
        }
        slices.insert(QString::fromUtf8(comm.readAll().trimmed()), slice);
    }
    return slices;
}

bool kernelTakesSlices()
{
    bool taken = false;
    QThread *probe = QThread::create([&taken] { taken = requestShortTimeSlice(); });
    probe->start();
    probe->wait();
    delete probe;
    return taken && slicesByThreadName().value(QStringLiteral("tst_threadprior"), -1) > 0;
}
} // namespace

class TestThreadPriority final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void captureAndWriterThreadsRunWithShortSlices()
    {
        if (!kernelTakesSlices())
            QSKIP("this kernel takes no per-thread slice (sched_setattr's runtime for SCHED_OTHER is Linux 6.12+)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CaptureSession session;
        SessionConfig config;
        config.storePath = dir.filePath(QStringLiteral("events.sqlite"));
        config.sync = SyncMode::Normal;
        config.receiver.port = 0;
        QVERIFY(session.open(config));
        const QHash<QString, qint64> slices = slicesByThreadName();
        const qint64 mainSlice = slices.value(QStringLiteral("tst_threadprior"), -1);
        QCOMPARE(slices.value(QStringLiteral("capture"), -1), 100'000);
        QCOMPARE(slices.value(QStringLiteral("store-writer"), -1), 100'000);
        QVERIFY2(mainSlice > 100'000, qPrintable(QString::number(mainSlice))); // the GUI thread's stays the default
        session.shutdown();
    }

    void aThreadKeepsItsNiceValue()
    {
        // The slice request rewrites the thread's scheduling attributes: its nice value must survive.
        int niceAfter = 0;
        QThread *thread = QThread::create([&niceAfter] {
            lowerCurrentThreadPriority(7);
            (void)requestShortTimeSlice();
#ifdef Q_OS_LINUX
            niceAfter = ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
#endif
        });
        thread->start();
        thread->wait();
        delete thread;
#ifdef Q_OS_LINUX
        QCOMPARE(niceAfter, 7);
#else
        QSKIP("nice values are Linux's");
#endif
    }
};

QTEST_GUILESS_MAIN(TestThreadPriority)
#include "tst_threadpriority.moc"
