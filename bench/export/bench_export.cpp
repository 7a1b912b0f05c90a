// Exports N events (default 100,000) from a fresh store to a hookscope export and a HAR file,
// then imports the export into a new store, as the command line does and as the window does
// (LiveImport through a running EventRecorder, rows reported back in windows). Prints wall
// time and the peak RSS of each step (the peak is reset before every step through
// /proc/self/clear_refs): measures, never asserts. Usage: bench_export [N] [DIR]
#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"
#include "exchange/LiveImport.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <sys/resource.h>

using namespace hookscope;

namespace {
// VmHWM of this process: the peak since the last resetPeak() (or since it started).
long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Linux: writing 5 to clear_refs resets the peak RSS to the current RSS.
void resetPeak()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

void report(const char *step, qint64 events, qint64 ms, const QString &file = QString())
{
    const qint64 bytes = file.isEmpty() ? 0 : QFileInfo(file).size();
    std::printf("%-22s %8lld events  %7lld ms  %9.0f events/s  file %7.1f MB  peak RSS %6.1f MB\n", step,
                static_cast<long long>(events), static_cast<long long>(ms), ms > 0 ? events * 1000.0 / double(ms) : 0.0,
                double(bytes) / 1e6, double(peakRssKb()) / 1024.0);
    std::fflush(stdout);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 100'000;
    QTemporaryDir tmp;
    const QString dir = argc > 2 ? QString::fromLocal8Bit(argv[2]) : tmp.path();
    QString error;
    EventStore store;
    const QString db = dir + QStringLiteral("/bench-source.sqlite");
    QFile::remove(db);
    if (!store.open(db, &error, SyncMode::Normal)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    // A typical webhook: 1.2 KB of JSON, seven headers.
    QElapsedTimer timer;
    timer.start();
    const auto fail = [&error](const char *what) {
        std::fprintf(stderr, "%s: %s\n", what, qPrintable(error));
        return 1;
    };
    if (!store.begin())
        return fail("begin");
    for (qint64 i = 0; i < count; ++i) {
        Event event;
        event.receivedAtMs = 1795395723456 + i;
        event.remoteAddress = QStringLiteral("203.0.113.7");
        event.method = "POST";
        event.target = "/hooks/" + QByteArray::number(i % 7);
        event.headers = {{"Host", "abc.ngrok.app"}, {"User-Agent", "vendor/1.0"}, {"Content-Type", "application/json"},
                         {"X-Signature", "sha256=" + QByteArray(64, 'a')}, {"X-Request-Id", QByteArray::number(i)},
                         {"X-Forwarded-For", "203.0.113.7"}, {"Content-Length", "1200"}};
        event.body = R"({"type":"appointment.updated","id":)" + QByteArray::number(i) + R"(,"notes":")"
            + QByteArray(1100, 'x') + R"("})";
        event.response.status = 200;
        event.response.headers = {{"Content-Length", "2"}};
        event.response.body = "OK";
        event.handlingUs = 800;
        if (!store.insert(event, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        if (i % 10'000 == 9'999 && (!store.commit(&error) || !store.begin()))
            return fail("commit");
    }
    if (!store.commit(&error))
        return fail("commit");
    report("fill store", count, timer.elapsed());

    const QString json = dir + QStringLiteral("/bench-export.json");
    resetPeak();
    timer.restart();
    ExportResult result = EventExporter(&store).exportTo(json, ExportFormat::HookscopeJson, std::nullopt);
    report(result.ok ? "export json" : "export json FAILED", result.written, timer.elapsed(), json);

    const QString har = dir + QStringLiteral("/bench-export.har");
    resetPeak();
    timer.restart();
    result = EventExporter(&store).exportTo(har, ExportFormat::Har, std::nullopt);
    report(result.ok ? "export har" : "export har FAILED", result.written, timer.elapsed(), har);

    EventStore target;
    const QString targetDb = dir + QStringLiteral("/bench-target.sqlite");
    QFile::remove(targetDb);
    target.open(targetDb, &error, SyncMode::Normal);
    resetPeak();
    timer.restart();
    const ImportResult imported = EventImporter::importInto(&target, json);
    report(imported.ok ? "import json (CLI path)" : "import json FAILED", imported.imported, timer.elapsed());
    target.close();

    // The window's path: into a running recorder's store, rows reported back with eventsStored.
    const QString windowDb = dir + QStringLiteral("/bench-window.sqlite");
    QFile::remove(windowDb);
    EventRecorder recorder;
    if (!recorder.open(windowDb, &error, SyncMode::Normal)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    qint64 reported = 0;
    QObject::connect(&recorder, &EventRecorder::eventsStored, &recorder,
                     [&reported](const QList<Event> &events) { reported += events.size(); });
    resetPeak();
    timer.restart();
    ImportResult live;
    QEventLoop loop;
    QThread *worker = QThread::create([&] { live = LiveImport::run(&recorder, json, ImportControl()); });
    QObject::connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    worker->start();
    loop.exec();
    worker->wait();
    delete worker;
    QCoreApplication::processEvents(); // the last window of rows
    report(live.ok && reported == live.imported ? "import json (window)" : "import json (window) FAILED", live.imported,
           timer.elapsed());
    recorder.close();
    return 0;
}
