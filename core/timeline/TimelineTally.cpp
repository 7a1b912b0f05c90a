#include "TimelineTally.h"

#include "event/AnswerRecord.h"
#include "event/Event.h"

namespace hookscope {

namespace {
TimelineResult resultOf(const TimelineTally::Entry &entry)
{
    return TimelineBuckets::resultOf(entry.responseStatus, entry.held, entry.validity);
}

// Held is a colour that stays; a schema result or an error status does not change once known.
bool isFinal(const TimelineTally::Entry &entry)
{
    return entry.validity != EventInfo::Validity::NotChecked && (entry.held || entry.responseStatus != 0);
}
} // namespace

bool TimelineTally::isHeld(const Event &event)
{
    // Rules (Simulate failures) answer at once like the receiver: not a held hook.
    return event.answerSource != 0 && event.answerSource != int(AnswerSource::Rule);
}

TimelineTally::Entry TimelineTally::entryOf(const Event &event, const EventInfo &info, bool matched)
{
    return {.timeMs = event.receivedAtMs,
            .responseStatus = event.response.status,
            .held = isHeld(event) || event.response.status == 0,
            .validity = info.id == event.id ? info.validity : EventInfo::Validity::NotChecked,
            .matched = matched};
}

void TimelineTally::add(qint64 id, const Entry &entry)
{
    const TimelineResult result = resultOf(entry);
    m_all.add(entry.timeMs, result);
    if (entry.matched)
        m_matched.add(entry.timeMs, result);
    if (isFinal(entry))
        return;
    if (m_pending.size() >= kMaxPending) {
        // Forget the oldest: ids grow, so scan from the last dropped one up.
        while (!m_pending.isEmpty() && !m_pending.remove(m_oldestPending))
            ++m_oldestPending;
    }
    m_pending.insert(id, entry);
}

void TimelineTally::change(qint64 id, Entry updated)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const TimelineResult from = resultOf(*it);
    const TimelineResult to = resultOf(updated);
    m_all.move(updated.timeMs, from, to);
    if (updated.matched)
        m_matched.move(updated.timeMs, from, to);
    if (isFinal(updated))
        m_pending.erase(it);
    else
        *it = updated;
}

void TimelineTally::applyInfo(const EventInfo &info)
{
    const auto it = m_pending.constFind(info.id);
    if (it == m_pending.constEnd())
        return;
    Entry updated = *it;
    updated.validity = info.validity;
    change(info.id, updated);
}

void TimelineTally::applyAnswer(qint64 id, int status)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.constEnd())
        return;
    Entry updated = *it;
    updated.responseStatus = status;
    updated.held = true;
    change(id, updated);
}

void TimelineTally::clear()
{
    *this = TimelineTally();
}

} // namespace hookscope
