#pragma once

#include "TimelineBuckets.h"

#include <QHash>

namespace hookscope {

struct Event;

// The timeline's counts for the whole store and for the filter's matches, kept up to date as
// events arrive and as their results come in later (enrichment, a held hook's answer): an event
// whose colour may still change is remembered by id until it cannot, at most kMaxPending of
// them (past that the oldest keeps its colour; the next history load corrects it).
class TimelineTally final
{
public:
    static constexpr int kMaxPending = 100'000;

    struct Entry
    {
        qint64 timeMs = 0;
        int responseStatus = 0;
        bool held = false;
        EventInfo::Validity validity = EventInfo::Validity::NotChecked;
        bool matched = false;
    };

    [[nodiscard]] static bool isHeld(const Event &event);
    [[nodiscard]] static Entry entryOf(const Event &event, const EventInfo &info, bool matched);

    void add(qint64 id, const Entry &entry);
    void applyInfo(const EventInfo &info);
    // A held hook was answered (status 0: nothing was sent); it stays Held.
    void applyAnswer(qint64 id, int status);
    void clear();

    [[nodiscard]] const TimelineBuckets &all() const { return m_all; }
    [[nodiscard]] const TimelineBuckets &matched() const { return m_matched; }
    [[nodiscard]] int pendingCount() const { return int(m_pending.size()); }

private:
    void change(qint64 id, Entry updated);

    TimelineBuckets m_all;
    TimelineBuckets m_matched;
    QHash<qint64, Entry> m_pending; // events whose result may still change
    qint64 m_oldestPending = 0; // ids below it were dropped from m_pending
};

} // namespace hookscope
