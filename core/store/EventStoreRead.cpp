// EventStore's reads. Columns are read by name (EventRows.h), resolved once per query.
#include "EventStore.h"

#include "EventRows.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <sqlite3.h>

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

QList<qint64> EventStore::idsWithoutInfoBefore(qint64 beforeId, int limit) const
{
    QList<qint64> out;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT e.id FROM events e LEFT JOIN event_info i USING (id) "
                             "WHERE e.id < :before AND i.validity IS NULL ORDER BY e.id DESC LIMIT :limit"));
    q.bindValue(QStringLiteral(":before"), beforeId);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (q.exec()) {
        while (q.next())
            out.append(q.value(0).toLongLong());
    }
    return out;
}

qint64 EventStore::countWithoutInfo() const
{
    // Two counts instead of a join over every event: results are side rows of their event
    // (ON DELETE CASCADE), and a row without a validity (only a handling time) is no result.
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM events) - "
                               "(SELECT count(*) FROM event_info WHERE validity IS NOT NULL)"))
        || !q.next())
        return 0;
    return std::max<qint64>(0, q.value(0).toLongLong());
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

namespace {

// A page of the event table: no bodies or header blocks (a summary has their size only).
void prepareSummaries(QSqlQuery &q, const QString &where)
{
    using C = EventColumn;
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1, %2 %3 WHERE %4")
                  .arg(selectList(kEventColumns, {C::Headers, C::Body, C::BodyEncoding, C::DecodedBody,
                                                  C::DecodedEncoding, C::ResponseHeaders, C::ResponseBody}),
                       selectList(kInfoColumns, {InfoColumn::Violations}), QLatin1StringView(kEventJoins), where));
}

QList<EventSummary> runSummaries(QSqlQuery &q, int reserve)
{
    QList<EventSummary> rows;
    if (!q.exec())
        return rows;
    const EventColumnIndex events(kEventColumns, q.record());
    const InfoColumnIndex infos(kInfoColumns, q.record());
    rows.reserve(reserve);
    while (q.next()) {
        const Event event = eventFromRow(q, events);
        rows.append(summaryOf(event, infoFromRow(q, infos, event.id), events.value(q, EventColumn::BodySize).toLongLong()));
    }
    return rows;
}

} // namespace

QList<EventSummary> EventStore::summaries(qint64 afterId, int limit) const
{
    QSqlQuery q = query();
    prepareSummaries(q, QStringLiteral("e.id > :after ORDER BY e.id LIMIT :limit"));
    q.bindValue(QStringLiteral(":after"), afterId);
    q.bindValue(QStringLiteral(":limit"), limit);
    return runSummaries(q, limit);
}

QList<EventSummary> EventStore::summariesBetween(qint64 firstId, qint64 lastId) const
{
    QSqlQuery q = query();
    prepareSummaries(q, QStringLiteral("e.id BETWEEN :first AND :last ORDER BY e.id"));
    q.bindValue(QStringLiteral(":first"), firstId);
    q.bindValue(QStringLiteral(":last"), lastId);
    return runSummaries(q, int(std::clamp<qint64>(lastId - firstId + 1, 0, 4096)));
}

QList<qint64> EventStore::ids() const
{
    QList<qint64> out;
    // A million ids (the event table's rows, issue 25): SQLite's own step and column read, not
    // a QSqlQuery row of QVariants cached per id (which took half of the 1.7 s until the table
    // knew its rows in bench_gui). events_by_id (migration 11) serves it without the events'
    // pages. Any trouble: the QSqlQuery below says the same thing more slowly.
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const QVariant handle = db.isOpen() && db.driver() ? db.driver()->handle() : QVariant();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        sqlite3 *sqlite = *static_cast<sqlite3 *const *>(handle.constData());
        sqlite3_stmt *statement = nullptr;
        if (sqlite && sqlite3_prepare_v2(sqlite, "SELECT id FROM events ORDER BY id", -1, &statement, nullptr) == SQLITE_OK) {
            int rc = SQLITE_ROW;
            while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
                out.append(sqlite3_column_int64(statement, 0));
            sqlite3_finalize(statement);
            if (rc == SQLITE_DONE)
                return out;
        }
        out.clear();
    }
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
