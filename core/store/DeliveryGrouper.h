#pragma once

#include "DeliveryGroup.h"
#include "DeliveryRecord.h"

#include <QList>

namespace hookscope {

// Groups keyed events into deliveries (issue 26): events with one delivery key are attempts of
// one vendor event; for a key made from the body (no delivery id known) only attempts at most
// `bodyWindowMs` after the previous one count, a later identical body starts a new group.
// Then flags duplicates (attempts after one answered 2xx) and, per kind and entity, groups
// whose version is older than that of a group that arrived before.
class DeliveryGrouper final
{
public:
    DeliveryGrouper() = delete;

    // 15 minutes: HighLevel re-sends the same payload every 10 minutes plus jitter after a 429
    // (help.gohighlevel.com "Automated Webhook Retries"), the widest gap among the shipped packs'
    // vendors that send no delivery id.
    static constexpr qint64 kDefaultBodyWindowMs = 15 * 60 * 1000;

    // `rows` in any order; groups come back by their first attempt, oldest first.
    [[nodiscard]] static QList<DeliveryGroup> group(QList<DeliveryRow> rows, qint64 bodyWindowMs = kDefaultBodyWindowMs);
    // < 0, 0, > 0: numbers as numbers, RFC 3339 times as times, anything else as text.
    [[nodiscard]] static int compareVersions(const QString &a, const QString &b);
};

} // namespace hookscope
