// bench_timeline: what the timeline costs at N events (issue 27 point 4).
//   - history: TimelineLoader::build over a real store (summaries in pages, no bodies), the
//     whole store and with a filter (its SQL on the same pass): what the loader thread spends;
//   - live: TimelineTally::add per event (the GUI thread's share of a live batch);
//   - repaint: the strip's paintEvent at 1200 × 40 into a QImage (mean and worst of 500 frames),
//     and the rebinning a live batch costs before the repaint.
// Usage: bench_timeline [events=100000] [store path; generated when missing]
#include "TimelineLoader.h"
#include "TimelineStrip.h"
#include "query/EventQuery.h"
#include "store/EventStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <algorithm>
#include <vector>
#include <cstdio>

using namespace hookscope;

namespace {
constexpr qint64 kStart = 1'796'630'400'000LL; // 2026-12-07T08:00:00Z

double rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

// N events 50 ms apart with some jitter (1M: ~14 hours), a mix of results.
bool generate(const QString &path, int count, QString *error)
{
    EventStore store;
    if (!store.open(path, error, SyncMode::Normal))
        return false;
    if (!store.begin())
        return false;
    for (int i = 0; i < count; ++i) {
        Event e;
        e.receivedAtMs = kStart + qint64(i) * 50 + (i * 7919) % 40;
        e.remoteAddress = QStringLiteral("127.0.0.1");
        e.method = "POST";
        e.target = "/webhooks/orders/" + QByteArray::number(i);
        e.headers = {{"Content-Type", "application/json"}};
        e.contentType = "application/json";
        e.body = R"({"order":{"id":)" + QByteArray::number(i) + "}}";
        e.response.status = i % 50 == 0 ? 500 : (i % 997 == 0 ? 0 : 200);
        if (!store.insert(e, error))
            return false;
        EventInfo info;
        info.id = e.id;
        info.validity = i % 7 == 0 ? EventInfo::Validity::Invalid : EventInfo::Validity::Valid;
        if (!store.saveInfo(info))
            return false;
        if (i % 10'000 == 9'999 && (!store.commit(error) || !store.begin()))
            return false;
    }
    return store.commit(error);
}

// Mean, median, 99th percentile and worst of the frames (the worst is often the box's other
// load preempting us: the percentiles say what a frame costs).
struct FrameTimes
{
    double meanMs = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double worstMs = 0;
};

FrameTimes paintFrames(TimelineStrip &strip, int frames)
{
    QImage image(strip.size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer clock;
    std::vector<double> times;
    double total = 0;
    for (int i = 0; i < frames; ++i) {
        clock.start();
        strip.render(&image);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        total += ms;
        times.push_back(ms);
    }
    std::sort(times.begin(), times.end());
    return {total / frames, times[times.size() / 2], times[times.size() * 99 / 100], times.back()};
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100'000;
    QTemporaryDir dir;
    QString path = argc > 2 ? QString::fromLocal8Bit(argv[2]) : dir.filePath(QStringLiteral("timeline.sqlite"));
    QString error;
    QElapsedTimer clock;
    if (!QFile::exists(path)) {
        clock.start();
        if (!generate(path, count, &error)) {
            std::fprintf(stderr, "generate: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("generated %d events in %.1f s\n", count, double(clock.elapsed()) / 1000);
    }
    EventStore store;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "open: %s\n", qPrintable(error));
        return 1;
    }
    const double rssBefore = rssMiB();
    clock.start();
    qint64 lastId = 0;
    const std::unique_ptr<TimelineTally> tally = TimelineLoader::build(store, std::nullopt, &lastId, {});
    const qint64 historyMs = clock.elapsed();
    std::printf("history, whole store: %llu events in %lld ms (%d buckets of %lld ms), RSS +%.1f MiB\n",
                static_cast<unsigned long long>(tally->all().total()), static_cast<long long>(historyMs),
                tally->all().bucketCount(), static_cast<long long>(tally->all().widthMs()), rssMiB() - rssBefore);
    const EventQuery::Result query = EventQuery::filterFor(QStringLiteral("status >= 500"), QueryContext{});
    clock.start();
    const std::unique_ptr<TimelineTally> filtered = TimelineLoader::build(store, query.filter, &lastId, {});
    std::printf("history, with the filter 'status >= 500': %llu of %llu matched in %lld ms\n",
                static_cast<unsigned long long>(filtered->matched().total()),
                static_cast<unsigned long long>(filtered->all().total()), static_cast<long long>(clock.elapsed()));

    // Live: every event through TimelineTally::add (final results, as most live events become).
    TimelineTally live;
    clock.start();
    for (int i = 0; i < count; ++i) {
        live.add(i + 1, {.timeMs = kStart + qint64(i) * 50, .responseStatus = 200, .held = false,
                         .validity = EventInfo::Validity::Valid, .matched = true});
    }
    std::printf("live adds: %d in %.1f ms (%.0f ns each)\n", count, double(clock.nsecsElapsed()) / 1e6,
                double(clock.nsecsElapsed()) / count);

    TimelineStrip strip;
    strip.resize(1200, 40);
    strip.setBuckets(&tally->all());
    clock.start();
    constexpr int kRebins = 200;
    for (int i = 0; i < kRebins; ++i)
        strip.refresh();
    std::printf("rebin after a live batch: %.3f ms (%d bins of %lld ms)\n",
                double(clock.nsecsElapsed()) / 1e6 / kRebins, strip.binCount(),
                static_cast<long long>(strip.binWidthMs()));
    paintFrames(strip, 20); // warm up
    const FrameTimes frames = paintFrames(strip, 500);
    std::printf("repaint (QPainter) at %d events, 1200x40: mean %.3f, p50 %.3f, p99 %.3f, worst %.3f ms per frame\n",
                count, frames.meanMs, frames.p50Ms, frames.p99Ms, frames.worstMs);
    return 0;
}
