// EventStore's `event_forward` side table (forwarding results), kept apart from the event rows.
#include "EventStore.h"

#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

bool EventStore::saveForward(const ForwardRecord &record)
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral(R"(INSERT INTO event_forward (id, url, forwarded_at, status, latency_us, error,
        response_headers, response_body) VALUES (?,?,?,?,?,?,?,?)
        ON CONFLICT (id) DO UPDATE SET url = excluded.url, forwarded_at = excluded.forwarded_at,
        status = excluded.status, latency_us = excluded.latency_us, error = excluded.error,
        response_headers = excluded.response_headers, response_body = excluded.response_body)"));
    q.bindValue(0, record.id);
    q.bindValue(1, record.url);
    q.bindValue(2, record.forwardedAtMs);
    q.bindValue(3, record.status);
    q.bindValue(4, record.latencyUs);
    q.bindValue(5, record.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(record.error));
    q.bindValue(6, serializeHeaders(record.responseHeaders));
    q.bindValue(7, record.responseBody);
    return q.exec();
}

std::optional<ForwardRecord> EventStore::loadForward(qint64 id) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT url, forwarded_at, status, latency_us, error, response_headers, response_body "
                             "FROM event_forward WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    ForwardRecord r;
    r.id = id;
    r.url = q.value(0).toString();
    r.forwardedAtMs = q.value(1).toLongLong();
    r.status = q.value(2).toInt();
    r.latencyUs = q.value(3).toLongLong();
    r.error = q.value(4).toString();
    r.responseHeaders = parseHeaderBlock(q.value(5).toByteArray());
    r.responseBody = q.value(6).toByteArray();
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
