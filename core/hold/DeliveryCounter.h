#pragma once

#include "event/HttpMessage.h"

#include <QByteArray>
#include <QHash>

namespace hookscope {

// Counts the deliveries of one event per rule, for a status sequence (500, 500, 200: the third
// delivery of an event is accepted). "The same event" is: the same rule, the same kind, and
// the same delivery id — the rule's deliveryHeader, else the first of the usual ones
// (webhook-id, svix-id, x-github-delivery, x-shopify-webhook-id, x-delivery-id,
// idempotency-key) — or, when the request names none, the same body (SHA-256 of it as read).
// Bounded: past kMaxEvents the least recently seen half is forgotten (a sender inventing ids
// cannot grow it). Not thread-safe: used on the capture thread only.
class DeliveryCounter final
{
public:
    static constexpr int kMaxEvents = 8192;

    [[nodiscard]] static QByteArray sameEventKey(const QString &rule, const QString &kind, const HeaderList &headers,
                                                 const QByteArray &deliveryHeader, const QByteArray &body);
    // This delivery's number for `key`, 0 for the first; counts it.
    int next(const QByteArray &key);
    void clear() { m_seen.clear(); }
    [[nodiscard]] qsizetype size() const { return m_seen.size(); }

private:
    struct Seen
    {
        int count = 0;
        quint64 lastUse = 0;
    };
    void forgetOldest();

    QHash<QByteArray, Seen> m_seen;
    quint64 m_clock = 0;
};

} // namespace hookscope
