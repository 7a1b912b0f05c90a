#include "timeline/TimelineBuckets.h"
#include "timeline/TimelineTally.h"
#include "event/Event.h"

#include <QTest>
#include <limits>

using namespace hookscope;

namespace {
constexpr qint64 kNow = 1'796'630'400'000LL; // 2026-12-07T08:00:00Z, a whole hour
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kYear = 365LL * 24 * kHour;

Event capturedAt(qint64 id, qint64 timeMs, int status)
{
    Event event;
    event.id = id;
    event.receivedAtMs = timeMs;
    event.response.status = status;
    return event;
}
} // namespace

class TimelineBucketsTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resultOrder_data();
    void resultOrder();
    void eventsOfOneMinuteCountPerSecond();
    void displayWidthGrowsWithTheSpan_data();
    void displayWidthGrowsWithTheSpan();
    void displayWidthEndsForOneBinAcrossAllTime();
    void binsAddWholeBuckets();
    void hostileTimesKeepTheBucketCountBounded_data();
    void hostileTimesKeepTheBucketCountBounded();
    void oldestLastStaysBounded();
    void liveInfoMovesTheEventToItsColour();
    void answeredHeldHookStaysHeld();
    void pendingEventsAreBounded();
};

void TimelineBucketsTest::resultOrder_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("held");
    QTest::addColumn<int>("validity");
    QTest::addColumn<int>("expected");
    using V = EventInfo::Validity;
    QTest::newRow("valid 200") << 200 << false << int(V::Valid) << int(TimelineResult::Valid);
    QTest::newRow("violations 200") << 200 << false << int(V::Invalid) << int(TimelineResult::Violations);
    QTest::newRow("4xx beats violations") << 404 << false << int(V::Invalid) << int(TimelineResult::Failed);
    QTest::newRow("5xx beats valid") << 503 << false << int(V::Valid) << int(TimelineResult::Failed);
    QTest::newRow("held beats 5xx") << 503 << true << int(V::Invalid) << int(TimelineResult::Held);
    QTest::newRow("not checked") << 200 << false << int(V::NotChecked) << int(TimelineResult::Other);
    QTest::newRow("not json") << 200 << false << int(V::NotJson) << int(TimelineResult::Other);
    QTest::newRow("3xx valid") << 302 << false << int(V::Valid) << int(TimelineResult::Valid);
}

void TimelineBucketsTest::resultOrder()
{
    QFETCH(int, status);
    QFETCH(bool, held);
    QFETCH(int, validity);
    QFETCH(int, expected);
    QCOMPARE(int(TimelineBuckets::resultOf(status, held, EventInfo::Validity(validity))), expected);
}

void TimelineBucketsTest::eventsOfOneMinuteCountPerSecond()
{
    TimelineBuckets buckets;
    for (int s = 0; s < 60; ++s) {
        for (int i = 0; i <= s % 3; ++i)
            buckets.add(kNow + s * 1000 + 999 - i, TimelineResult(s % kTimelineResultCount));
    }
    QCOMPARE(buckets.widthMs(), 1000);
    QCOMPARE(buckets.bucketCount(), 60);
    QCOMPARE(buckets.bucketStartMs(0), kNow);
    QCOMPARE(buckets.total(), quint64(120)); // 20 × (1 + 2 + 3)
    QCOMPARE(buckets.bucket(7).of(TimelineResult(7 % 5)), 2u);
    QCOMPARE(buckets.bucket(7).total(), quint64(2));
    QCOMPARE(buckets.minTimeMs(), kNow + 999);
    QCOMPARE(buckets.maxTimeMs(), kNow + 59 * 1000 + 999);
}

void TimelineBucketsTest::displayWidthGrowsWithTheSpan_data()
{
    QTest::addColumn<qint64>("span");
    QTest::addColumn<qint64>("width");
    QTest::newRow("2 minutes in seconds") << qint64(120'000) << qint64(1000);
    QTest::newRow("20 minutes in 5 s") << qint64(1'200'000) << qint64(5000);
    QTest::newRow("3 hours in 30 s") << qint64(3 * kHour) << qint64(30'000);
    QTest::newRow("2 days in 10 minutes") << qint64(48 * kHour) << qint64(600'000);
    QTest::newRow("a month in 3 hours") << qint64(30 * 24 * kHour) << qint64(3 * kHour);
    QTest::newRow("a century in 364 days") << qint64(100 * kYear) << qint64(364 * 24 * kHour);
}

void TimelineBucketsTest::displayWidthGrowsWithTheSpan()
{
    QFETCH(qint64, span);
    QFETCH(qint64, width);
    // 400 bins: a strip of 1,200 pixels at 3 pixels a bar.
    QCOMPARE(TimelineBuckets::displayWidth(kNow, kNow + span, 400, 1000), width);
}

void TimelineBucketsTest::displayWidthEndsForOneBinAcrossAllTime()
{
    // A strip a few pixels wide (one bin) over the widest span there is: a width, not a hang.
    const qint64 width = TimelineBuckets::displayWidth(std::numeric_limits<qint64>::min(),
                                                       std::numeric_limits<qint64>::max(), 1, 1000);
    QVERIFY(width >= 2 * TimelineBuckets::kTimeLimitMs);
    QCOMPARE(TimelineBuckets::ladderWidth(width + 1), width);
}

void TimelineBucketsTest::binsAddWholeBuckets()
{
    TimelineBuckets buckets;
    for (int s = 0; s < 600; ++s) // one per second for ten minutes
        buckets.add(kNow + s * 1000, s < 300 ? TimelineResult::Valid : TimelineResult::Failed);
    const std::vector<TimelineCounts> bins = buckets.binned(kNow, 60'000, 10);
    QCOMPARE(bins.size(), size_t(10));
    for (size_t i = 0; i < bins.size(); ++i) {
        QCOMPARE(bins[i].total(), quint64(60));
        QCOMPARE(bins[i].of(i < 5 ? TimelineResult::Valid : TimelineResult::Failed), 60u);
    }
    QCOMPARE(buckets.countsBetween(kNow + 290'000, kNow + 309'999).total(), quint64(20));
    QCOMPARE(buckets.countsBetween(kNow + 290'000, kNow + 309'999).of(TimelineResult::Failed), 10u);
}

void TimelineBucketsTest::hostileTimesKeepTheBucketCountBounded_data()
{
    QTest::addColumn<qint64>("outlier");
    QTest::newRow("time 0") << qint64(0);
    QTest::newRow("negative time") << qint64(-5 * kYear);
    QTest::newRow("int64 min") << std::numeric_limits<qint64>::min();
    QTest::newRow("int64 max") << std::numeric_limits<qint64>::max();
    QTest::newRow("a century ahead") << kNow + 100 * kYear;
    QTest::newRow("a clock an hour behind") << kNow - kHour;
}

void TimelineBucketsTest::hostileTimesKeepTheBucketCountBounded()
{
    QFETCH(qint64, outlier);
    TimelineBuckets buckets;
    for (int s = 0; s < 100; ++s)
        buckets.add(kNow + s * 1000, TimelineResult::Valid);
    buckets.add(outlier, TimelineResult::Held);
    for (int s = 100; s < 200; ++s)
        buckets.add(kNow + s * 1000, TimelineResult::Valid);
    QVERIFY2(buckets.bucketCount() <= TimelineBuckets::kMaxBuckets, qPrintable(QString::number(buckets.bucketCount())));
    QCOMPARE(buckets.total(), quint64(201));
    // Nothing is lost by coarsening: every event is still counted, by its result.
    TimelineCounts sum;
    for (int i = 0; i < buckets.bucketCount(); ++i)
        sum += buckets.bucket(i);
    QCOMPARE(sum.of(TimelineResult::Valid), 200u);
    QCOMPARE(sum.of(TimelineResult::Held), 1u);
    // The display over everything stays bounded too.
    const qint64 width = TimelineBuckets::displayWidth(buckets.minTimeMs(), buckets.maxTimeMs(), 500, buckets.widthMs());
    const std::vector<TimelineCounts> bins = buckets.binned(buckets.minTimeMs(), width, 500);
    quint64 shown = 0;
    for (const TimelineCounts &bin : bins)
        shown += bin.total();
    QCOMPARE(shown, quint64(201));
}

void TimelineBucketsTest::oldestLastStaysBounded()
{
    // A sender whose clock runs backwards (or an import sorted newest first): 200,000 events,
    // one a second, newest first.
    TimelineBuckets buckets;
    for (qint64 s = 200'000; s > 0; --s)
        buckets.add(kNow + s * 1000, TimelineResult::Valid);
    QVERIFY(buckets.bucketCount() <= TimelineBuckets::kMaxBuckets);
    QCOMPARE(buckets.total(), quint64(200'000));
    QCOMPARE(buckets.widthMs(), 30'000); // 55 hours in at most 8,192 buckets
}

void TimelineBucketsTest::liveInfoMovesTheEventToItsColour()
{
    TimelineTally tally;
    tally.add(1, TimelineTally::entryOf(capturedAt(1, kNow + 1500, 200), EventInfo{}, true));
    tally.add(2, TimelineTally::entryOf(capturedAt(2, kNow + 2500, 200), EventInfo{}, false));
    QCOMPARE(tally.all().countsBetween(kNow, kNow + 5000).of(TimelineResult::Other), 2u);
    QCOMPARE(tally.pendingCount(), 2);

    EventInfo invalid;
    invalid.id = 1;
    invalid.validity = EventInfo::Validity::Invalid;
    tally.applyInfo(invalid);
    EventInfo valid;
    valid.id = 2;
    valid.validity = EventInfo::Validity::Valid;
    tally.applyInfo(valid);

    QCOMPARE(tally.all().countsBetween(kNow + 1000, kNow + 1999).of(TimelineResult::Violations), 1u);
    QCOMPARE(tally.all().countsBetween(kNow + 2000, kNow + 2999).of(TimelineResult::Valid), 1u);
    QCOMPARE(tally.all().countsBetween(kNow, kNow + 5000).of(TimelineResult::Other), 0u);
    QCOMPARE(tally.matched().total(), quint64(1));
    QCOMPARE(tally.matched().countsBetween(kNow + 1000, kNow + 1999).of(TimelineResult::Violations), 1u);
    QCOMPARE(tally.pendingCount(), 0);
    tally.applyInfo(valid); // again: already final, nothing moves
    QCOMPARE(tally.all().countsBetween(kNow + 2000, kNow + 2999).of(TimelineResult::Valid), 1u);
}

void TimelineBucketsTest::answeredHeldHookStaysHeld()
{
    TimelineTally tally;
    tally.add(5, TimelineTally::entryOf(capturedAt(5, kNow, 0), EventInfo{}, false)); // waiting
    QCOMPARE(tally.all().bucket(0).of(TimelineResult::Held), 1u);
    tally.applyAnswer(5, 503);
    QCOMPARE(tally.all().bucket(0).of(TimelineResult::Held), 1u);
    QCOMPARE(tally.all().total(), quint64(1));
}

void TimelineBucketsTest::pendingEventsAreBounded()
{
    TimelineTally tally;
    const int n = TimelineTally::kMaxPending + 1000;
    for (int id = 1; id <= n; ++id)
        tally.add(id, TimelineTally::entryOf(capturedAt(id, kNow + id, 200), EventInfo{}, false));
    QCOMPARE(tally.pendingCount(), TimelineTally::kMaxPending);
    QCOMPARE(tally.all().total(), quint64(n));
    EventInfo newest;
    newest.id = n;
    newest.validity = EventInfo::Validity::Valid;
    tally.applyInfo(newest);
    QCOMPARE(tally.all().countsBetween(kNow, kNow + n).of(TimelineResult::Valid), 1u);
}

QTEST_APPLESS_MAIN(TimelineBucketsTest)
#include "tst_timelinebuckets.moc"
