#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>

#include <deque>

namespace hookscope {

// The delivery ids (webhook-id, svix-id, a preset's id header, else the signature itself)
// seen so far and the event that brought each first, so a repeated one is flagged "replayed
// id". Bounded: the oldest ids are forgotten past kCapacity. Thread-safe (the enrichment
// thread writes, re-inspection may run it again for the same event: that is no replay).
class DeliveryIdLog final
{
public:
    static constexpr qsizetype kCapacity = 100'000;

    // Records `id` for `eventId`; returns the event that brought it first (== eventId when new).
    qint64 remember(const QByteArray &id, qint64 eventId);

private:
    QMutex m_mutex;
    QHash<QByteArray, qint64> m_first;
    std::deque<QByteArray> m_order;
};

} // namespace hookscope
