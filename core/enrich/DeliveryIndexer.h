#pragma once

#include "event/Event.h"
#include "schema/Kind.h"
#include "store/DeliveryRecord.h"

#include <QList>

namespace hookscope {

class EventStore;
class KindCatalog;

// Computes the delivery key of events (issue 26): the key names the vendor event an event
// delivers, so its retries share it. In order: a delivery header of its kind, a Standard
// Webhooks `webhook-id` header (the id stays the same across retries: standardwebhooks.com),
// a delivery pointer of its kind; else the kind, method, path and a SHA-256 of the body
// (byBody: grouped only within a time window). Each key starts with the kind, so a Cubu case
// id names one delivery per hook. Computed once per event; the store keeps it (event_delivery).
class DeliveryIndexer final
{
public:
    DeliveryIndexer() = delete;

    // The key of `event`, whose kind is `kind` (null: unknown).
    [[nodiscard]] static DeliveryRecord keyOf(const Event &event, const Kind *kind);
    // Keys for up to `limit` enriched events of `store` that have none yet (ids > afterId).
    [[nodiscard]] static QList<DeliveryRecord> pending(const EventStore &store, const KindCatalog &catalog,
                                                       qint64 afterId, int limit);
};

} // namespace hookscope
