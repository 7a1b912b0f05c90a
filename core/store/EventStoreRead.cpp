// EventStore's reads. Columns are read by name (EventRows.h), resolved once per query.
#include "EventStore.h"

#include "EventRows.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

namespace {

// Every event column, then its enrichment: windows of events and single loads.
QString selectEventsWithInfo()
{
    return QStringLiteral("SELECT %1, %2 %3 ")
        .arg(selectList(kEventColumns), selectList(kInfoColumns), QLatin1StringView(kEventJoins));
}

} // namespace

std::optional<EventInfo> EventStore::loadInfo(qint64 id) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT %1 FROM event_info i LEFT JOIN event_trust t USING (id) WHERE id = :id")
                  .arg(selectList(kInfoColumns)));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return infoFromRow(q, InfoColumnIndex(kInfoColumns, q.record()), id);
}

std::optional<AnswerRecord> EventStore::loadAnswer(qint64 id) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT * FROM event_answer WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    AnswerRecord record;
    record.id = id;
    record.source = AnswerSource(q.value(QStringLiteral("source")).toInt());
    record.response.status = q.value(QStringLiteral("status")).toInt();
    record.response.headers = parseHeaderBlock(q.value(QStringLiteral("headers")).toByteArray());
    record.response.body = q.value(QStringLiteral("body")).toByteArray();
    record.afterMs = q.value(QStringLiteral("after_ms")).toLongLong();
    record.presetId = q.value(QStringLiteral("preset")).toString();
    record.rule = q.value(QStringLiteral("rule")).toString();
    return record;
}

QSet<qint64> EventStore::answeredIds() const
{
    QSet<qint64> out;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT id FROM event_answer"))) {
        while (q.next())
            out.insert(q.value(0).toLongLong());
    }
    return out;
}

QList<qint64> EventStore::idsWithoutInfo() const
{
    QList<qint64> out;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT e.id FROM events e LEFT JOIN event_info i USING (id) "
                              "WHERE i.validity IS NULL ORDER BY e.id"))) {
        while (q.next())
            out.append(q.value(0).toLongLong());
    }
    return out;
}

std::optional<Event> EventStore::load(qint64 id) const
{
    QSqlQuery q = query();
    q.prepare(selectEventsWithInfo() + QStringLiteral("WHERE e.id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Event event = eventFromRow(q, EventColumnIndex(kEventColumns, q.record()));
    loadTrailers(&event);
    return event;
}

void EventStore::loadTrailers(Event *event) const
{
    // Prepared once: an export reads it per event.
    QSqlQuery *q = statement("load-trailers", [] { return QStringLiteral("SELECT trailers FROM event_trailers WHERE id = :id"); });
    if (!q)
        return;
    q->bindValue(QStringLiteral(":id"), event->id);
    if (q->exec() && q->next())
        event->trailers = parseHeaderBlock(q->value(0).toByteArray());
    q->finish();
}

QList<EventSummary> EventStore::summaries(qint64 afterId, int limit) const
{
    QList<EventSummary> rows;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    // No bodies or header blocks: a summary has their size only.
    using C = EventColumn;
    q.prepare(QStringLiteral("SELECT %1, %2 %3 WHERE id > :after ORDER BY id LIMIT :limit")
                  .arg(selectList(kEventColumns, {C::Headers, C::Body, C::DecodedBody, C::ResponseHeaders, C::ResponseBody}),
                       selectList(kInfoColumns, {InfoColumn::Violations}), QLatin1StringView(kEventJoins)));
    q.bindValue(QStringLiteral(":after"), afterId);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return rows;
    const EventColumnIndex events(kEventColumns, q.record());
    const InfoColumnIndex infos(kInfoColumns, q.record());
    rows.reserve(limit);
    while (q.next()) {
        const Event event = eventFromRow(q, events);
        rows.append(summaryOf(event, infoFromRow(q, infos, event.id), events.value(q, C::BodySize).toLongLong()));
    }
    return rows;
}

QList<qint64> EventStore::ids() const
{
    QList<qint64> out;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT id FROM events ORDER BY id"))) {
        while (q.next())
            out.append(q.value(0).toLongLong());
    }
    return out;
}

qint64 EventStore::maxId() const
{
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM events")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

std::optional<qint64> EventStore::previousOfEntity(const QString &kind, const QString &entityId, qint64 beforeId) const
{
    if (kind.isEmpty() || entityId.isEmpty())
        return std::nullopt;
    // Joined with events: an enrichment result may outlive a deleted event.
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT max(i.id) FROM event_info i JOIN events e USING (id) "
                             "WHERE i.kind = :kind AND i.entity_id = :entity AND i.id < :before"));
    q.bindValue(QStringLiteral(":kind"), kind);
    q.bindValue(QStringLiteral(":entity"), entityId);
    q.bindValue(QStringLiteral(":before"), beforeId);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

qint64 EventStore::visitEvents(qint64 afterId, int limit, const EventVisitor &visit) const
{
    QSqlQuery q = query();
    q.setForwardOnly(true);
    q.prepare(selectEventsWithInfo() + QStringLiteral("WHERE e.id > :after ORDER BY e.id LIMIT :limit"));
    q.bindValue(QStringLiteral(":after"), afterId);
    q.bindValue(QStringLiteral(":limit"), limit);
    return visitRows(q, visit);
}

qint64 EventStore::visitEvents(const QList<qint64> &ids, const EventVisitor &visit) const
{
    // One parameter whatever the count: the ids as a JSON array, unpacked by json_each.
    QByteArray list = "[";
    for (const qint64 id : ids) {
        if (list.size() > 1)
            list += ',';
        list += QByteArray::number(id);
    }
    list += ']';
    QSqlQuery q = query();
    q.setForwardOnly(true);
    q.prepare(selectEventsWithInfo() + QStringLiteral("WHERE e.id IN (SELECT value FROM json_each(:ids)) ORDER BY e.id"));
    q.bindValue(QStringLiteral(":ids"), QString::fromLatin1(list));
    return visitRows(q, visit);
}

qint64 EventStore::visitRows(QSqlQuery &q, const EventVisitor &visit) const
{
    // SQLite's words ("database disk image is malformed"); the caller reports them.
    const auto why = [&q] {
        return q.lastError().databaseText().isEmpty() ? q.lastError().text() : q.lastError().databaseText();
    };
    m_readFailure = {};
    if (!q.exec()) {
        m_readFailure.reason = why();
        return -1;
    }
    const EventColumnIndex events(kEventColumns, q.record());
    const InfoColumnIndex infos(kInfoColumns, q.record());
    qint64 visited = 0;
    qint64 lastId = 0;
    while (q.next()) {
        QString damage;
        Event event = eventFromRow(q, events, &damage);
        if (event.id <= lastId) { // the query orders by id: a row out of order was read from garbage
            m_readFailure.reason = QStringLiteral("a damaged page gave an event id out of order (#%1 after #%2)")
                                       .arg(event.id)
                                       .arg(lastId);
            return -1;
        }
        lastId = event.id;
        if (const qint64 size = events.value(q, EventColumn::BodySize).toLongLong();
            damage.isEmpty() && size != event.body.size())
            damage = QStringLiteral("its body is %1 bytes but was stored as %2 bytes").arg(event.body.size()).arg(size);
        if (!damage.isEmpty()) {
            m_readFailure = {event.id, damage};
            return -1;
        }
        loadTrailers(&event);
        std::optional<EventInfo> info;
        if (infos.value(q, InfoColumn::HasInfo).toBool())
            info = infoFromRow(q, infos, event.id);
        ++visited;
        if (!visit(event, info))
            return visited;
    }
    // next() is false at the end and on an error (a damaged page): only the second says why.
    if (q.lastError().isValid()) {
        m_readFailure.reason = why();
        return -1;
    }
    return visited;
}

qint64 EventStore::lastAssignedId() const
{
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'events'")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

std::optional<QList<qint64>> EventStore::idsFrom(qint64 fromId, int limit) const
{
    QSqlQuery q = query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM events WHERE id >= :from ORDER BY id LIMIT :limit"));
    q.bindValue(QStringLiteral(":from"), fromId);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return std::nullopt;
    QList<qint64> out;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (id < fromId || (!out.isEmpty() && id <= out.constLast()))
            return std::nullopt; // garbage from a damaged page
        out.append(id);
    }
    if (q.lastError().isValid())
        return std::nullopt;
    return out;
}

} // namespace hookscope
