// EventStore's `event_forward` side table (forwarding results), kept apart from the event rows.
#include "EventStore.h"

#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

bool EventStore::saveForward(const ForwardRecord &record)
{
    return upsertRow("save-forward", "event_forward",
                     {
                         {"id", record.id},
                         {"url", record.url},
                         {"forwarded_at", record.forwardedAtMs},
                         {"status", record.status},
                         {"latency_us", record.latencyUs},
                         {"error", record.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(record.error)},
                         {"response_headers", serializeHeaders(record.responseHeaders)},
                         {"response_body", record.responseBody},
                     });
}

std::optional<ForwardRecord> EventStore::loadForward(qint64 id) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT * FROM event_forward WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    ForwardRecord r;
    r.id = id;
    r.url = q.value(QStringLiteral("url")).toString();
    r.forwardedAtMs = q.value(QStringLiteral("forwarded_at")).toLongLong();
    r.status = q.value(QStringLiteral("status")).toInt();
    r.latencyUs = q.value(QStringLiteral("latency_us")).toLongLong();
    r.error = q.value(QStringLiteral("error")).toString();
    r.responseHeaders = parseHeaderBlock(q.value(QStringLiteral("response_headers")).toByteArray());
    r.responseBody = q.value(QStringLiteral("response_body")).toByteArray();
    return r;
}

QList<ForwardRecord> EventStore::forwardOutcomes() const
{
    QList<ForwardRecord> out;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, status, error FROM event_forward")))
        return out;
    while (q.next()) {
        ForwardRecord r;
        r.id = q.value(0).toLongLong();
        r.status = q.value(1).toInt();
        r.error = q.value(2).toString();
        out.append(std::move(r));
    }
    return out;
}

} // namespace hookscope
