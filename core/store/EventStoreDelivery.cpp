// EventStore's `event_delivery` side table (issue 26, branch group26): one delivery key per
// event, so that a vendor's retries of one event can be grouped.
#include "EventStore.h"

#include "EventRows.h"

#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

bool EventStore::saveDelivery(const DeliveryRecord &record)
{
    return upsertRow("save-delivery", "event_delivery",
                     {
                         {"id", record.id},
                         {"delivery_key", record.key},
                         {"by_body", record.byBody ? 1 : 0},
                         {"version", record.version.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                              : QVariant(record.version)},
                     });
}

QList<qint64> EventStore::idsWithoutDelivery(qint64 afterId, int limit) const
{
    // Only events the enrichment has seen: their kind decides where the delivery id is.
    QList<qint64> out;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT e.id FROM events e JOIN event_info i USING (id) LEFT JOIN event_delivery d "
                             "USING (id) WHERE d.id IS NULL AND e.id > :after ORDER BY e.id LIMIT :limit"));
    q.bindValue(QStringLiteral(":after"), afterId);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

QList<DeliveryRow> EventStore::deliveryRows() const
{
    QList<DeliveryRow> out;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    const QString status = QLatin1StringView(kEventColumns[std::size_t(EventColumn::ResponseStatus)].sql);
    if (!q.exec(QStringLiteral("SELECT e.id, e.received_at, %1, d.delivery_key, d.by_body, d.version, i.kind, "
                               "i.entity_id FROM event_delivery d JOIN events e USING (id) LEFT JOIN event_info i "
                               "USING (id) LEFT JOIN event_answer a USING (id) ORDER BY d.delivery_key, e.received_at, e.id")
                    .arg(status)))
        return out;
    while (q.next()) {
        DeliveryRow row;
        row.id = q.value(0).toLongLong();
        row.receivedAtMs = q.value(1).toLongLong();
        row.status = q.value(2).toInt();
        row.key = q.value(3).toString();
        row.byBody = q.value(4).toInt() != 0;
        row.version = q.value(5).toString();
        row.kind = q.value(6).toString();
        row.entityId = q.value(7).toString();
        out.append(std::move(row));
    }
    return out;
}

} // namespace hookscope
