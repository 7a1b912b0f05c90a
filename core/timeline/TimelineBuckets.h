#pragma once

#include "event/EventInfo.h"

#include <QtGlobal>
#include <array>
#include <vector>

namespace hookscope {

// What colour an event gets on the timeline (issue 27 point 4). First match wins, in this
// order: Held (waiting for its answer, or answered by the Respond panel, a deadline, a preset
// or the local app), Failed (answered 4xx/5xx), Violations (its schema check found some),
// Valid, Other (not JSON, of no known kind, not checked yet).
enum class TimelineResult : quint8 { Valid, Violations, Failed, Held, Other };
inline constexpr int kTimelineResultCount = 5;

struct TimelineCounts
{
    std::array<quint32, kTimelineResultCount> n{};

    [[nodiscard]] quint32 of(TimelineResult result) const { return n[size_t(result)]; }
    [[nodiscard]] quint64 total() const;
    TimelineCounts &operator+=(const TimelineCounts &other);
};

// Events per time bucket and result, pre-aggregated so a repaint never walks events. The
// buckets are epoch-aligned and dense between the oldest and newest event, at the finest
// width of a ladder (1 s, 5 s, 10 s, 30 s, 1 min, … 1 d, 7 d, 28 d, 364 d, then doubling)
// that keeps their number at most kMaxBuckets: an event far outside the range (time 0, a
// clock a century ahead, an imported file from another year) coarsens the buckets, never
// grows them. Each width divides the next, so coarsening and display binning add whole
// buckets and stay exact. Not thread-safe; a loader builds one on its thread and hands it over.
class TimelineBuckets final
{
public:
    static constexpr int kMaxBuckets = 8192;
    // Times are clamped to ±kTimeLimitMs (about 31,000 years), so no index arithmetic overflows.
    static constexpr qint64 kTimeLimitMs = 1'000'000'000'000'000LL;

    [[nodiscard]] static TimelineResult resultOf(int responseStatus, bool held, EventInfo::Validity validity);
    // The ladder's finest width >= minimumMs (>= 1 s).
    [[nodiscard]] static qint64 ladderWidth(qint64 minimumMs);
    // The ladder's width for showing [fromMs, toMs] in at most maxBins bins, never finer than `finest`.
    [[nodiscard]] static qint64 displayWidth(qint64 fromMs, qint64 toMs, int maxBins, qint64 finest);
    [[nodiscard]] static qint64 floorDiv(qint64 a, qint64 b);

    void add(qint64 timeMs, TimelineResult result, quint32 count = 1);
    // One event of `from` became `to` (its enrichment or its answer arrived).
    void move(qint64 timeMs, TimelineResult from, TimelineResult to);
    void remove(qint64 timeMs, TimelineResult result);
    void clear();

    [[nodiscard]] bool isEmpty() const { return m_total == 0; }
    [[nodiscard]] quint64 total() const { return m_total; }
    [[nodiscard]] qint64 widthMs() const { return m_width; }
    [[nodiscard]] int bucketCount() const { return int(m_buckets.size()); }
    [[nodiscard]] qint64 bucketStartMs(int bucket) const { return (m_first + bucket) * m_width; }
    [[nodiscard]] const TimelineCounts &bucket(int bucket) const { return m_buckets[size_t(bucket)]; }
    // The oldest and newest event time seen (clamped); meaningless when empty.
    [[nodiscard]] qint64 minTimeMs() const { return m_minTime; }
    [[nodiscard]] qint64 maxTimeMs() const { return m_maxTime; }

    // The counts in bins of `widthMs` (a ladder width >= widthMs()), the first starting at
    // fromMs rounded down to it, `bins` of them; events outside are not counted.
    [[nodiscard]] std::vector<TimelineCounts> binned(qint64 fromMs, qint64 widthMs, int bins) const;
    // The counts between fromMs and toMs (buckets overlapping the range).
    [[nodiscard]] TimelineCounts countsBetween(qint64 fromMs, qint64 toMs) const;

private:
    // The slot of timeMs's bucket, growing the range (and coarsening when it must).
    [[nodiscard]] size_t slotFor(qint64 timeMs);
    void coarsenTo(qint64 width);

    std::vector<TimelineCounts> m_buckets;
    qint64 m_first = 0; // index of m_buckets[0], in units of m_width
    qint64 m_width = 1000;
    qint64 m_minTime = 0;
    qint64 m_maxTime = 0;
    quint64 m_total = 0;
};

} // namespace hookscope
