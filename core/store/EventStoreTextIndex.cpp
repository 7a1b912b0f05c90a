// EventStore's search index (event_text, migration 12): the writer indexes the events above
// the watermark after their commit; a delete takes an indexed event out, a clear empties it.
#include "EventStore.h"

#include "EventRows.h"
#include "util/Log.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace hookscope {

namespace {

// The columns EventFilter::indexedText() reads.
QString indexedColumns()
{
    using C = EventColumn;
    QString out;
    for (const C column : {C::Id, C::Target, C::Headers, C::Body, C::BodyEncoding, C::DecodedBody, C::DecodedEncoding}) {
        const ColumnDef<EventColumn> &def = kEventColumns[std::size_t(column)];
        if (!out.isEmpty())
            out += QStringLiteral(", ");
        out += QLatin1StringView(def.sql) + QStringLiteral(" AS ") + QLatin1StringView(def.name);
    }
    return out;
}

bool indexFailed(const QSqlQuery &q, QString *error)
{
    *error = q.lastError().text();
    return false;
}

qint64 indexFailedCount(const QSqlQuery &q, QString *error)
{
    *error = q.lastError().text();
    return -1;
}

} // namespace

bool EventStore::indexText(const Event &event, QString *error)
{
    // Tokenizing costs the writer ~0.3 us a byte, and a piece of the backlog holds up the
    // requests queued meanwhile: a binary body (many distinct trigrams) or a long text is
    // left to the scan instead (event_text_scan), exactly, at search time.
    constexpr qsizetype kMaxIndexedBytes = 64 * 1024;
    const QByteArray text = EventFilter::indexedText(event);
    const bool binary = !QByteArrayView(event.body).isValidUtf8()
        || (event.decodedBody && !QByteArrayView(*event.decodedBody).isValidUtf8());
    if (binary || text.size() > kMaxIndexedBytes) {
        QSqlQuery *scan = statement("index-scan", [] {
            return QStringLiteral("INSERT INTO event_text_scan (id) VALUES (:id)");
        });
        if (!scan) {
            *error = QStringLiteral("cannot write to the search index");
            return false;
        }
        scan->bindValue(QStringLiteral(":id"), event.id);
        return scan->exec() || indexFailed(*scan, error);
    }
    // CAST: the driver binds a QByteArray as a blob; the tokenizer wants text, byte for byte.
    QSqlQuery *q = statement("index-text", [] {
        return QStringLiteral("INSERT INTO event_text (rowid, text) VALUES (:id, CAST(:text AS TEXT))");
    });
    if (!q) {
        *error = QStringLiteral("cannot write to the search index");
        return false;
    }
    q->bindValue(QStringLiteral(":id"), event.id);
    q->bindValue(QStringLiteral(":text"), text);
    return q->exec() || indexFailed(*q, error);
}

bool EventStore::unindexText(qint64 id, QString *error)
{
    QSqlQuery *scanned = statement("unindex-scanned", [] {
        return QStringLiteral("SELECT 1 FROM event_text_scan WHERE id = :id");
    });
    if (!scanned) {
        *error = QStringLiteral("cannot read the search index");
        return false;
    }
    scanned->bindValue(QStringLiteral(":id"), id);
    if (!scanned->exec())
        return indexFailed(*scanned, error);
    const bool notInIndex = scanned->next(); // its row goes with the event (ON DELETE CASCADE)
    scanned->finish();
    if (notInIndex)
        return true;
    QSqlQuery *read = statement("unindex-read", [] {
        return QStringLiteral("SELECT %1 FROM events e WHERE e.id = :id").arg(indexedColumns());
    });
    // A contentless FTS5 table forgets a row when given the very text it indexed.
    QSqlQuery *forget = statement("unindex-text", [] {
        return QStringLiteral(
            "INSERT INTO event_text (event_text, rowid, text) VALUES ('delete', :id, CAST(:text AS TEXT))");
    });
    if (!read || !forget) {
        *error = QStringLiteral("cannot write to the search index");
        return false;
    }
    read->bindValue(QStringLiteral(":id"), id);
    if (!read->exec())
        return indexFailed(*read, error);
    if (!read->next()) { // already gone
        read->finish();
        return true;
    }
    QString damage;
    const Event event = eventFromRow(*read, EventColumnIndex(kEventColumns, read->record()), &damage);
    read->finish();
    if (!damage.isEmpty()) {
        // Not the text it was indexed with: giving that to FTS5 would damage the index. Its
        // trigrams stay behind; a search checks every candidate against `events`, where the
        // event is gone, so it is never found.
        qCWarning(lcStore).noquote() << "event" << id << "left in the search index:" << damage;
        return true;
    }
    forget->bindValue(QStringLiteral(":id"), id);
    forget->bindValue(QStringLiteral(":text"), EventFilter::indexedText(event));
    return forget->exec() || indexFailed(*forget, error);
}

std::optional<EventStore::TextState> EventStore::textState() const
{
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("SELECT indexed_up_to, clear_after, clear_up_to FROM event_text_state WHERE id = 1"))
        || !q.next())
        return std::nullopt;
    return TextState{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
}

bool EventStore::setTextState(const TextState &state, QString *error)
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("UPDATE event_text_state SET indexed_up_to = :indexed, clear_after = :clear_after, "
                             "clear_up_to = :clear_up_to WHERE id = 1"));
    q.bindValue(QStringLiteral(":indexed"), state.indexedUpTo);
    q.bindValue(QStringLiteral(":clear_after"), state.clearAfter);
    q.bindValue(QStringLiteral(":clear_up_to"), state.clearUpTo);
    return q.exec() || indexFailed(q, error);
}

std::optional<EventStore::TextBacklog> EventStore::textBacklog() const
{
    const std::optional<TextState> state = textState();
    if (!state)
        return std::nullopt;
    return TextBacklog{state->indexedUpTo, std::max(state->indexedUpTo, maxId())};
}

qint64 EventStore::indexTextBacklog(int limit, QString *error)
{
    std::optional<TextState> state = textState();
    if (!state) {
        *error = QStringLiteral("cannot read the search index's state");
        return -1;
    }
    QSqlQuery *q = statement("index-backlog", [] {
        return QStringLiteral("SELECT %1 FROM events e WHERE e.id > :after ORDER BY e.id LIMIT :limit")
            .arg(indexedColumns());
    });
    if (!q) {
        *error = QStringLiteral("cannot read the search index's backlog");
        return -1;
    }
    q->bindValue(QStringLiteral(":after"), state->indexedUpTo);
    q->bindValue(QStringLiteral(":limit"), limit);
    if (!q->exec())
        return indexFailedCount(*q, error);
    // Read whole before writing: the inserts below go through the same connection.
    QList<Event> events;
    std::optional<EventColumnIndex> columns;
    while (q->next()) {
        if (!columns)
            columns.emplace(kEventColumns, q->record());
        // A body that cannot be read is indexed as it reads (empty): the event is then found
        // by its target and headers, as the scan finds it.
        events.append(eventFromRow(*q, *columns));
    }
    const bool readAll = !q->lastError().isValid();
    q->finish();
    if (!readAll)
        return indexFailedCount(*q, error);
    for (const Event &event : std::as_const(events)) {
        if (!indexText(event, error))
            return -1;
    }
    if (events.isEmpty())
        return 0;
    state->indexedUpTo = events.last().id;
    return setTextState(*state, error) ? events.size() : -1;
}

bool EventStore::beginChunkedClear(QString *error)
{
    std::optional<TextState> state = textState();
    if (!state) {
        *error = QStringLiteral("cannot read the search index's state");
        return false;
    }
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("INSERT INTO event_text (event_text) VALUES ('delete-all')"))
        || !q.exec(QStringLiteral("DELETE FROM event_text_scan")))
        return indexFailed(q, error);
    // Every event up to now goes: none of them is backlog any more (nor a candidate).
    const qint64 last = std::max(state->indexedUpTo, maxId());
    return setTextState({.indexedUpTo = last, .clearAfter = 0, .clearUpTo = last}, error);
}

qint64 EventStore::clearBacklogChunk(int limit, QString *error)
{
    std::optional<TextState> state = textState();
    if (!state) {
        *error = QStringLiteral("cannot read the search index's state");
        return -1;
    }
    if (state->clearAfter >= state->clearUpTo)
        return 0;
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT max(id), count(*) FROM (SELECT id FROM events WHERE id > :after AND id <= :up_to "
                             "ORDER BY id LIMIT :limit)"));
    q.bindValue(QStringLiteral(":after"), state->clearAfter);
    q.bindValue(QStringLiteral(":up_to"), state->clearUpTo);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec() || !q.next())
        return indexFailedCount(q, error);
    const qint64 count = q.value(1).toLongLong();
    const qint64 last = count < limit ? state->clearUpTo : q.value(0).toLongLong();
    q.finish();
    QSqlQuery d = query();
    d.prepare(QStringLiteral("DELETE FROM events WHERE id > :after AND id <= :last"));
    d.bindValue(QStringLiteral(":after"), state->clearAfter);
    d.bindValue(QStringLiteral(":last"), last);
    if (!d.exec())
        return indexFailedCount(d, error);
    // Finished: nothing is marked any more.
    state->clearAfter = last >= state->clearUpTo ? 0 : last;
    if (last >= state->clearUpTo)
        state->clearUpTo = 0;
    return setTextState(*state, error) ? count : -1;
}

bool EventStore::restoreUnfinishedClear(QString *error)
{
    const std::optional<TextState> state = textState();
    if (!state) {
        *error = QStringLiteral("cannot read the search index's state");
        return false;
    }
    if (state->clearAfter >= state->clearUpTo)
        return false;
    // The index is rebuilt from what the clear had deleted up to: the events it left, and
    // those stored since (indexed already, but one rebuild is simpler than telling them apart).
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("INSERT INTO event_text (event_text) VALUES ('delete-all')"))
        || !q.exec(QStringLiteral("DELETE FROM event_text_scan")))
        return indexFailed(q, error);
    return setTextState({.indexedUpTo = state->clearAfter, .clearAfter = 0, .clearUpTo = 0}, error);
}

bool EventStore::removeInTransaction(const QList<qint64> &ids, QString *error)
{
    const std::optional<TextState> state = textState();
    if (!state) {
        *error = QStringLiteral("cannot read the search index's state");
        return false;
    }
    QSqlQuery *q = statement("delete-event", [] { return QStringLiteral("DELETE FROM events WHERE id = :id"); });
    if (!q) {
        *error = QStringLiteral("cannot delete events");
        return false;
    }
    for (const qint64 id : ids) {
        // Above the watermark or marked by a clear, an event is not in the index.
        const bool indexed = id <= state->indexedUpTo && !(id > state->clearAfter && id <= state->clearUpTo);
        if (indexed && !unindexText(id, error))
            return false;
        q->bindValue(QStringLiteral(":id"), id);
        if (!q->exec())
            return indexFailed(*q, error);
    }
    return true;
}

} // namespace hookscope
