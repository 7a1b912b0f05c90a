// Exports N events (default 100,000) from a fresh store to a hookscope export and a HAR file,
// then imports the export into a new store. Prints wall time and peak RSS after each step:
// measures, never asserts. Usage: bench_export [N] [DIR]
#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"
#include "store/EventStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/resource.h>

using namespace hookscope;

namespace {
long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
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
    store.begin();
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
        if (i % 10'000 == 9'999) {
            store.commit(&error);
            store.begin();
        }
    }
    store.commit(&error);
    report("fill store", count, timer.elapsed());

    const QString json = dir + QStringLiteral("/bench-export.json");
    timer.restart();
    ExportResult result = EventExporter(&store).exportTo(json, ExportFormat::HookscopeJson, std::nullopt);
    report(result.ok ? "export json" : "export json FAILED", result.written, timer.elapsed(), json);

    const QString har = dir + QStringLiteral("/bench-export.har");
    timer.restart();
    result = EventExporter(&store).exportTo(har, ExportFormat::Har, std::nullopt);
    report(result.ok ? "export har" : "export har FAILED", result.written, timer.elapsed(), har);

    EventStore target;
    const QString targetDb = dir + QStringLiteral("/bench-target.sqlite");
    QFile::remove(targetDb);
    target.open(targetDb, &error, SyncMode::Normal);
    timer.restart();
    const ImportResult imported = EventImporter::importInto(&target, json);
    report(imported.ok ? "import json (CLI path)" : "import json FAILED", imported.imported, timer.elapsed());
    return 0;
}
