// bench_timeline_charts: the timeline's bars drawn by Qt Charts (a QStackedBarSeries of five
// QBarSets in a QChartView, margins, legend and axes off), at the same size and from the same
// buckets as bench_timeline's QPainter strip, to compare repaint and update costs.
// Usage: bench_timeline_charts [events=100000]
#include "timeline/TimelineBuckets.h"

#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QImage>
#include <QStackedBarSeries>
#include <algorithm>
#include <functional>
#include <vector>
#include <cstdio>

using namespace hookscope;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100'000;
    constexpr qint64 kStart = 1'796'630'400'000LL;
    TimelineBuckets buckets;
    for (int i = 0; i < count; ++i)
        buckets.add(kStart + qint64(i) * 50, i % 50 == 0 ? TimelineResult::Failed
                                                   : (i % 7 == 0 ? TimelineResult::Violations : TimelineResult::Valid));
    constexpr int kBins = 400; // the strip's bins at 1200 pixels
    const qint64 width = TimelineBuckets::displayWidth(buckets.minTimeMs(), buckets.maxTimeMs(), kBins, buckets.widthMs());
    const qint64 first = TimelineBuckets::floorDiv(buckets.minTimeMs(), width);
    const int bins = int(TimelineBuckets::floorDiv(buckets.maxTimeMs(), width) - first + 1);

    QElapsedTimer clock;
    clock.start();
    auto *series = new QStackedBarSeries;
    std::array<QBarSet *, kTimelineResultCount> sets{};
    for (int r = 0; r < kTimelineResultCount; ++r) {
        sets[size_t(r)] = new QBarSet(QString::number(r));
        series->append(sets[size_t(r)]);
    }
    const std::vector<TimelineCounts> counts = buckets.binned(first * width, width, bins);
    for (const TimelineCounts &bin : counts) {
        for (int r = 0; r < kTimelineResultCount; ++r)
            sets[size_t(r)]->append(bin.n[size_t(r)]);
    }
    series->setBarWidth(1.0);
    auto *chart = new QChart;
    chart->addSeries(series);
    chart->legend()->hide();
    chart->setMargins({0, 0, 0, 0});
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->createDefaultAxes();
    for (QAbstractAxis *axis : chart->axes())
        axis->hide();
    QChartView view(chart);
    view.resize(1200, 40);
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    static_cast<QWidget &>(view).render(&image); // first layout
    std::printf("Qt Charts setup (%d bins of %lld ms): %.1f ms\n", bins, static_cast<long long>(width),
                double(clock.nsecsElapsed()) / 1e6);

    constexpr int kFrames = 200;
    const auto measure = [&](const char *what, const std::function<void()> &before) {
        std::vector<double> times;
        double total = 0;
        for (int i = 0; i < kFrames; ++i) {
            clock.start();
            before();
            static_cast<QWidget &>(view).render(&image);
            const double ms = double(clock.nsecsElapsed()) / 1e6;
            total += ms;
            times.push_back(ms);
        }
        std::sort(times.begin(), times.end());
        std::printf("%s (Qt Charts) at %d events, 1200x40: mean %.3f, p50 %.3f, p99 %.3f, worst %.3f ms per frame\n",
                    what, count, total / kFrames, times[kFrames / 2], times[kFrames * 99 / 100], times.back());
    };
    measure("repaint", [] {});
    // A live batch: the newest bin grows; the chart lays its bars out again before the frame.
    measure("live update + repaint", [&] { sets[0]->replace(bins - 1, sets[0]->at(bins - 1) + 1); });
    return 0;
}
