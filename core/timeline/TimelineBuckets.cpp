#include "TimelineBuckets.h"

#include <algorithm>

namespace hookscope {

namespace {
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// Each width divides the next (bins and coarsening add whole buckets).
constexpr std::array<qint64, 17> kLadder = {kSecond,      5 * kSecond,  10 * kSecond, 30 * kSecond, kMinute,
                                            5 * kMinute,  10 * kMinute, 30 * kMinute, kHour,        3 * kHour,
                                            6 * kHour,    12 * kHour,   kDay,         7 * kDay,     28 * kDay,
                                            364 * kDay,   728 * kDay};

qint64 clampTime(qint64 timeMs)
{
    return std::clamp(timeMs, -TimelineBuckets::kTimeLimitMs, TimelineBuckets::kTimeLimitMs);
}
} // namespace

quint64 TimelineCounts::total() const
{
    quint64 sum = 0;
    for (const quint32 c : n)
        sum += c;
    return sum;
}

TimelineCounts &TimelineCounts::operator+=(const TimelineCounts &other)
{
    for (size_t i = 0; i < n.size(); ++i)
        n[i] += other.n[i];
    return *this;
}

TimelineResult TimelineBuckets::resultOf(int responseStatus, bool held, EventInfo::Validity validity)
{
    if (held)
        return TimelineResult::Held;
    if (responseStatus >= 400)
        return TimelineResult::Failed;
    if (validity == EventInfo::Validity::Invalid)
        return TimelineResult::Violations;
    if (validity == EventInfo::Validity::Valid)
        return TimelineResult::Valid;
    return TimelineResult::Other;
}

qint64 TimelineBuckets::floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

qint64 TimelineBuckets::ladderWidth(qint64 minimumMs)
{
    for (const qint64 width : kLadder) {
        if (width >= minimumMs)
            return width;
    }
    // Beyond the ladder, doubling; past four time limits one bucket holds every clamped time.
    qint64 width = kLadder.back();
    while (width < minimumMs && width < 4 * kTimeLimitMs)
        width *= 2;
    return width;
}

qint64 TimelineBuckets::displayWidth(qint64 fromMs, qint64 toMs, int maxBins, qint64 finest)
{
    fromMs = clampTime(fromMs);
    toMs = std::max(fromMs, clampTime(toMs));
    qint64 width = ladderWidth(std::max<qint64>(finest, 1));
    while (floorDiv(toMs, width) - floorDiv(fromMs, width) + 1 > std::max(1, maxBins)) {
        const qint64 wider = ladderWidth(width + 1);
        if (wider == width)
            break; // the widest there is: two bins at most
        width = wider;
    }
    return width;
}

size_t TimelineBuckets::slotFor(qint64 timeMs)
{
    if (m_buckets.empty()) {
        m_first = floorDiv(timeMs, m_width);
        m_buckets.resize(1);
        return 0;
    }
    const qint64 lastIndex = m_first + qint64(m_buckets.size()) - 1;
    qint64 index = floorDiv(timeMs, m_width);
    if (index < m_first || index > lastIndex) {
        const qint64 lowMs = std::min(timeMs, m_first * m_width);
        const qint64 highMs = std::max(timeMs, lastIndex * m_width);
        const qint64 width = displayWidth(lowMs, highMs, kMaxBuckets, m_width);
        if (width != m_width)
            coarsenTo(width);
        index = floorDiv(timeMs, m_width);
        const qint64 last = m_first + qint64(m_buckets.size()) - 1;
        if (index < m_first) {
            // Some slack in front: events arriving oldest-last (a skewed clock, an import) would
            // otherwise move the whole vector once per new bucket.
            const qint64 needed = m_first - index;
            const qint64 room = kMaxBuckets - qint64(m_buckets.size()) - needed;
            const qint64 slack = std::clamp<qint64>(qint64(m_buckets.size()) / 2, 0, std::max<qint64>(room, 0));
            const qint64 floorIndex = floorDiv(-kTimeLimitMs, m_width);
            const qint64 grow = std::min(needed + slack, m_first - floorIndex);
            m_buckets.insert(m_buckets.begin(), size_t(grow), TimelineCounts{});
            m_first -= grow;
        } else if (index > last) {
            m_buckets.resize(m_buckets.size() + size_t(index - last));
        }
    }
    return size_t(index - m_first);
}

void TimelineBuckets::coarsenTo(qint64 width)
{
    const qint64 factor = width / m_width; // the ladder: a whole number
    const qint64 first = floorDiv(m_first, factor);
    const qint64 last = floorDiv(m_first + qint64(m_buckets.size()) - 1, factor);
    std::vector<TimelineCounts> coarse(size_t(last - first + 1));
    for (size_t i = 0; i < m_buckets.size(); ++i)
        coarse[size_t(floorDiv(m_first + qint64(i), factor) - first)] += m_buckets[i];
    m_buckets = std::move(coarse);
    m_first = first;
    m_width = width;
}

void TimelineBuckets::add(qint64 timeMs, TimelineResult result, quint32 count)
{
    if (count == 0)
        return;
    timeMs = clampTime(timeMs);
    if (m_total == 0) {
        m_minTime = timeMs;
        m_maxTime = timeMs;
    } else {
        m_minTime = std::min(m_minTime, timeMs);
        m_maxTime = std::max(m_maxTime, timeMs);
    }
    m_buckets[slotFor(timeMs)].n[size_t(result)] += count;
    m_total += count;
}

void TimelineBuckets::move(qint64 timeMs, TimelineResult from, TimelineResult to)
{
    if (from == to || m_buckets.empty())
        return;
    const qint64 index = floorDiv(clampTime(timeMs), m_width) - m_first;
    if (index < 0 || index >= qint64(m_buckets.size()))
        return;
    TimelineCounts &counts = m_buckets[size_t(index)];
    if (counts.n[size_t(from)] == 0)
        return; // not counted here: nothing to move
    --counts.n[size_t(from)];
    ++counts.n[size_t(to)];
}

void TimelineBuckets::remove(qint64 timeMs, TimelineResult result)
{
    if (m_buckets.empty())
        return;
    const qint64 index = floorDiv(clampTime(timeMs), m_width) - m_first;
    if (index < 0 || index >= qint64(m_buckets.size()) || m_buckets[size_t(index)].n[size_t(result)] == 0)
        return;
    --m_buckets[size_t(index)].n[size_t(result)];
    --m_total;
}

void TimelineBuckets::clear()
{
    *this = TimelineBuckets();
}

std::vector<TimelineCounts> TimelineBuckets::binned(qint64 fromMs, qint64 widthMs, int bins) const
{
    std::vector<TimelineCounts> out(size_t(std::max(0, bins)));
    if (m_buckets.empty() || bins <= 0)
        return out;
    widthMs = ladderWidth(std::max(widthMs, m_width));
    const qint64 firstBin = floorDiv(clampTime(fromMs), widthMs);
    const qint64 factor = widthMs / m_width;
    for (size_t i = 0; i < m_buckets.size(); ++i) {
        const qint64 bin = floorDiv(m_first + qint64(i), factor) - firstBin;
        if (bin >= 0 && bin < bins)
            out[size_t(bin)] += m_buckets[i];
    }
    return out;
}

TimelineCounts TimelineBuckets::countsBetween(qint64 fromMs, qint64 toMs) const
{
    TimelineCounts sum;
    if (m_buckets.empty())
        return sum;
    const qint64 from = std::max<qint64>(floorDiv(clampTime(fromMs), m_width) - m_first, 0);
    const qint64 to = std::min<qint64>(floorDiv(clampTime(toMs), m_width) - m_first, qint64(m_buckets.size()) - 1);
    for (qint64 i = from; i <= to; ++i)
        sum += m_buckets[size_t(i)];
    return sum;
}

} // namespace hookscope
