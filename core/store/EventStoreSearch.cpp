// EventStore's search: the SQL of an EventFilter, and its in-memory test for what SQL
// cannot read (compressed bodies).
#include "EventStore.h"

#include "EventRows.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace hookscope {

bool EventStore::textIndexUsable() const
{
    const std::optional<TextBacklog> backlog = textBacklog();
    return backlog && backlog->isEmpty();
}

QList<qint64> EventStore::matchingIds(const EventFilter &filter, qint64 afterId, qint64 upToId, bool *complete) const
{
    QList<qint64> out;
    if (complete)
        *complete = true;
    if (filter.predicate) { // a query's SQL calls functions registered on this connection
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (!filter.predicate->prepare(db)) {
            if (complete)
                *complete = false;
            return out;
        }
    }
    const EventFilter::Sql text = filter.sqlTextHit();
    const EventFilter::Sql info = filter.sqlInfoWhere();
    // Through the search index (3 characters or more): its candidates up to the watermark,
    // the events it leaves to the scan (event_text_scan), and every event above the watermark
    // (not indexed yet: stored since the writer last indexed), all tested exactly as the scan
    // tests every event. The watermark is read in the same statement, so the three parts
    // agree whatever the writer indexes meanwhile.
    const std::optional<QString> indexed = filter.textIndexQuery();
    const QString range = indexed
        ? QStringLiteral("(e.id IN (SELECT rowid FROM event_text WHERE event_text MATCH :fts AND rowid > :after "
                         "AND rowid <= :up_to) OR e.id IN (SELECT id FROM event_text_scan WHERE id > :scan_after AND "
                         "id <= :scan_up_to) OR (e.id > max(:new_after, (SELECT indexed_up_to FROM event_text_state)) "
                         "AND e.id <= :new_up_to))")
        : QStringLiteral("e.id > :after AND e.id <= :up_to");
    QSqlQuery q = query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT e.id AS id, %1 AS text_hit, %2 AS compressed %3 WHERE %4 AND %5 ORDER BY e.id")
                  .arg(text.expression, EventFilter::sqlCompressed(), QLatin1StringView(kEventJoins), range,
                       info.expression));
    for (const QVariantMap &binds : {text.binds, info.binds}) {
        for (auto bind = binds.cbegin(); bind != binds.cend(); ++bind)
            q.bindValue(bind.key(), bind.value());
    }
    q.bindValue(QStringLiteral(":after"), afterId);
    q.bindValue(QStringLiteral(":up_to"), upToId);
    if (indexed) {
        q.bindValue(QStringLiteral(":fts"), *indexed);
        for (const char *part : {"scan", "new"}) {
            q.bindValue(QStringLiteral(":%1_after").arg(QLatin1StringView(part)), afterId);
            q.bindValue(QStringLiteral(":%1_up_to").arg(QLatin1StringView(part)), upToId);
        }
    }
    if (!q.exec()) {
        if (complete)
            *complete = false;
        return out;
    }
    const int idAt = q.record().indexOf(QStringLiteral("id"));
    const int hitAt = q.record().indexOf(QStringLiteral("text_hit"));
    const int compressedAt = q.record().indexOf(QStringLiteral("compressed"));
    QList<qint64> compressed;
    while (q.next()) {
        const qint64 id = q.value(idAt).toLongLong();
        if (q.value(hitAt).toBool())
            out.append(id);
        else if (q.value(compressedAt).toBool())
            compressed.append(id);
    }
    if (complete && q.lastError().isValid())
        *complete = false;
    if (compressed.isEmpty())
        return out;
    // Inflated one at a time and tested by the filter's own in-memory text test.
    QSqlQuery b = query();
    b.setForwardOnly(true);
    using C = EventColumn;
    b.prepare(QStringLiteral("SELECT %1 FROM events e WHERE e.id = :id")
                  .arg(selectList(kEventColumns, {C::ResponseStatus, C::ResponseHeaders, C::ResponseBody, C::HandlingUs,
                                                  C::ImportedAt, C::Rejection})));
    for (const qint64 id : std::as_const(compressed)) {
        b.bindValue(QStringLiteral(":id"), id);
        if (!b.exec() || !b.next()) {
            if (complete && b.lastError().isValid())
                *complete = false;
            continue;
        }
        if (filter.matchesText(eventFromRow(b, EventColumnIndex(kEventColumns, b.record()))))
            out.insert(std::lower_bound(out.begin(), out.end(), id), id);
    }
    return out;
}

} // namespace hookscope
