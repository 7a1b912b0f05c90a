// EventStore's search: the SQL of an EventFilter, and its in-memory test for what SQL
// cannot read (compressed bodies); the event table's view (filter and order) in SQL.
#include "EventStore.h"

#include "EventRows.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace hookscope {

namespace {

// The SQL the event table sorts a column by (EventTableModel::sortKey in memory), the id
// last so equal keys keep the id order.
QString orderSql(EventStore::ViewOrder order)
{
    using O = EventStore::ViewOrder;
    switch (order) {
    case O::Id:
        return QStringLiteral("e.id");
    case O::ReceivedAt:
        return QStringLiteral("e.received_at");
    case O::Method:
        return QStringLiteral("e.method");
    case O::Target:
        return QStringLiteral("e.target");
    case O::Kind:
        return infoKindSql();
    case O::Result: // the HTTP status, then the validity (more violations higher): EventRowText::validityRank
        return QStringLiteral("coalesce(a.status, e.response_status) * 1000000 + CASE %1 WHEN %2 THEN 10 + "
                              "min(coalesce(i.violation_count, 0), 100000) WHEN %3 THEN 0 WHEN %4 THEN 2 "
                              "WHEN %5 THEN 3 WHEN %6 THEN 5 ELSE 1 END")
            .arg(infoValiditySql())
            .arg(int(EventInfo::Validity::Invalid))
            .arg(int(EventInfo::Validity::NotChecked))
            .arg(int(EventInfo::Validity::NotJson))
            .arg(int(EventInfo::Validity::Valid))
            .arg(int(EventInfo::Validity::NotInspectable));
    case O::Forward: // the app's status; -1: not reached; 0: not forwarded
        return QStringLiteral("coalesce((SELECT CASE WHEN f.status > 0 THEN f.status ELSE -1 END "
                              "FROM event_forward f WHERE f.id = e.id), 0)");
    case O::Languages:
        return QStringLiteral("coalesce(i.languages, ''), %1").arg(infoMissingTranslationsSql());
    case O::BodySize:
        return QStringLiteral("e.body_size");
    case O::Sender: // Event::sender(): the first X-Forwarded-For entry, else the peer
        return QStringLiteral("CASE WHEN coalesce(e.forwarded_for, '') = '' THEN e.remote_address ELSE "
                              "trim(substr(e.forwarded_for, 1, instr(e.forwarded_for || ',', ',') - 1)) END");
    }
    return QStringLiteral("e.id");
}

} // namespace

bool EventStore::textIndexUsable() const
{
    const std::optional<TextBacklog> backlog = textBacklog();
    return backlog && backlog->isEmpty();
}

QList<qint64> EventStore::matchingIds(const EventFilter &filter, qint64 afterId, qint64 upToId, bool *complete) const
{
    return filteredIds(filter, afterId, upToId, QStringLiteral("e.id"), complete);
}

std::optional<QList<qint64>> EventStore::viewIds(const EventFilter &filter, ViewOrder order, bool descending,
                                                 qint64 upToId) const
{
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    QString by;
    for (const QString &key : orderSql(order).split(QStringLiteral(", ")))
        by += key + direction + QStringLiteral(", ");
    bool complete = true;
    QList<qint64> ids = filteredIds(filter, 0, upToId, by + QStringLiteral("e.id") + direction, &complete);
    if (!complete)
        return std::nullopt;
    return ids;
}

QStringList EventStore::kindsSeen() const
{
    QStringList out;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    // One seek in the index on (kind, validity) per kind, not a walk over every entry (a
    // million results, a handful of kinds); kind > '' leaves out NULL and "unknown".
    q.prepare(QStringLiteral("SELECT min(kind) FROM event_info WHERE kind > :after"));
    QString after = QLatin1String("");
    while (true) {
        q.bindValue(QStringLiteral(":after"), after);
        if (!q.exec() || !q.next() || q.value(0).isNull())
            break;
        after = q.value(0).toString();
        out.append(after);
    }
    return out;
}

QList<qint64> EventStore::filteredIds(const EventFilter &filter, qint64 afterId, qint64 upToId, const QString &orderBy,
                                      bool *complete) const
{
    QList<qint64> out;
    if (complete)
        *complete = true;
    if (orderBy == QLatin1String("e.id")) {
        if (const std::optional<EventFilter::Sql> rows = filter.sqlInfoRowsWhere()) {
            // Kind, validity, translations: event_info's indexes alone, no event read (a kind
            // filter over a million events: 4.2 s through the joins, bench_gui).
            QSqlQuery q = query();
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT i.id FROM event_info i WHERE i.id > :after AND i.id <= :up_to AND %1")
                          .arg(rows->expression));
            for (auto bind = rows->binds.cbegin(); bind != rows->binds.cend(); ++bind)
                q.bindValue(bind.key(), bind.value());
            q.bindValue(QStringLiteral(":after"), afterId);
            q.bindValue(QStringLiteral(":up_to"), upToId);
            if (!q.exec()) {
                if (complete)
                    *complete = false;
                return out;
            }
            while (q.next())
                out.append(q.value(0).toLongLong());
            if (complete && q.lastError().isValid())
                *complete = false;
            std::sort(out.begin(), out.end()); // the index's order is (kind, validity, id)
            return out;
        }
    }
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
    q.prepare(QStringLiteral("SELECT e.id AS id, %1 AS text_hit, %2 AS compressed %3 WHERE %4 AND %5 ORDER BY %6")
                  .arg(text.expression, EventFilter::sqlCompressed(), QLatin1StringView(kEventJoins), range,
                       info.expression, orderBy));
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
    const bool filtersText = filter.filtersText();
    QSet<qint64> compressed; // to test in memory; kept in the query's order meanwhile
    while (q.next()) {
        const qint64 id = q.value(idAt).toLongLong();
        if (!filtersText || q.value(hitAt).toBool()) {
            out.append(id);
        } else if (q.value(compressedAt).toBool()) {
            out.append(id);
            compressed.insert(id);
        }
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
    QSet<qint64> misses;
    for (const qint64 id : std::as_const(compressed)) {
        b.bindValue(QStringLiteral(":id"), id);
        if (!b.exec() || !b.next()) {
            if (complete && b.lastError().isValid())
                *complete = false;
            misses.insert(id);
            continue;
        }
        if (!filter.matchesText(eventFromRow(b, EventColumnIndex(kEventColumns, b.record()))))
            misses.insert(id);
    }
    out.removeIf([&misses](qint64 id) { return misses.contains(id); });
    return out;
}

} // namespace hookscope
