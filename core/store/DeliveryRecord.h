#pragma once

#include <QString>
#include <QtGlobal>

namespace hookscope {

// An event's delivery key (event_delivery, issue 26): deliveries of one vendor event (its
// retries) share the key. `byBody`: no delivery id was found, the key is the body's hash, and
// only attempts close enough in time count as one delivery (DeliveryGrouper's window).
struct DeliveryRecord
{
    qint64 id = 0;
    QString key;
    bool byBody = false;
    QString version; // the entity's version (updatedAt, …) when the kind says where it is
};

// What grouping needs of one keyed event (EventStore::deliveryRows).
struct DeliveryRow
{
    qint64 id = 0;
    qint64 receivedAtMs = 0;
    int status = 0; // the answer it got (a held hook's answer when it had one; 0: none yet)
    QString key;
    bool byBody = false;
    QString version;
    QString kind; // as the enrichment saw it, empty when unknown
    QString entityId;
};

} // namespace hookscope
