// EventStore's writes: each row's columns are named once, where their values are chosen,
// and bound by name (StoreColumns.h).
#include "EventStore.h"

#include "EventRows.h"
#include "util/Log.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <limits>

namespace hookscope {

namespace {

// For NOT NULL columns: an empty value is stored as empty, never as NULL.
QVariant nonNull(const QByteArray &data)
{
    return data.isNull() ? QVariant(QByteArray("")) : QVariant(data);
}

QVariant blob(const QByteArray &data)
{
    return data.isNull() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(data);
}

// An empty text is stored as NULL.
QVariant text(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

NamedValues eventRow(const Event &event)
{
    const auto [body, bodyEncoding] = encodeBody(event.body);
    QVariant decoded{QMetaType(QMetaType::QByteArray)}; // braces: clang reads the parentheses as a function declaration
    int decodedEncoding = Raw;
    if (event.decodedBody)
        std::tie(decoded, decodedEncoding) = encodeBody(*event.decodedBody);
    return {
        {"received_at", event.receivedAtMs},
        {"remote_address", event.remoteAddress.isNull() ? QStringLiteral("") : event.remoteAddress},
        {"remote_port", event.remotePort},
        {"forwarded_for", blob(event.forwardedFor)},
        {"forwarded_proto", blob(event.forwardedProto)},
        {"forwarded_host", blob(event.forwardedHost)},
        {"method", nonNull(event.method)},
        {"target", nonNull(event.target)},
        {"http_version", nonNull(event.httpVersion)},
        {"headers", nonNull(serializeHeaders(event.headers))},
        {"content_type", blob(event.contentType)},
        {"body", body},
        {"body_size", event.body.size()},
        {"body_encoding", bodyEncoding},
        {"decoded_body", decoded},
        {"decoded_encoding", decodedEncoding},
        {"decode_error", text(event.decodeError)},
        {"response_status", event.response.status},
        {"response_headers", nonNull(serializeHeaders(event.response.headers))},
        {"response_body", event.response.body},
        {"handling_us", event.handlingUs >= 0 ? QVariant(event.handlingUs) : QVariant(QMetaType(QMetaType::LongLong))},
        {"error", text(event.error)},
    };
}

} // namespace

bool EventStore::writeRow(const char *key, const char *table, const NamedValues &row, QString *error)
{
    QSqlQuery *q = statement(key, [&] { return insertSql(table, row); });
    if (!q) {
        *error = QStringLiteral("cannot write to %1").arg(QLatin1StringView(table));
        return false;
    }
    bindNamed(*q, row);
    if (!q->exec()) {
        *error = q->lastError().text();
        return false;
    }
    return true;
}

bool EventStore::upsertRow(const char *key, const char *table, const NamedValues &row)
{
    QSqlQuery *q = statement(key, [&] { return upsertSql(table, row); });
    if (!q)
        return false;
    bindNamed(*q, row);
    if (!q->exec()) {
        qCWarning(lcStore).noquote() << table << "row of event" << row.front().second.toLongLong()
                                     << "not saved:" << q->lastError().text();
        return false;
    }
    return true;
}

bool EventStore::insert(Event &event, QString *error)
{
    if (!writeRow("insert-event", "events", eventRow(event), error))
        return false;
    event.id = m_statements.at("insert-event")->lastInsertId().toLongLong();
    if (!event.rejection.isEmpty()
        && !upsertRow("save-rejection", "event_trust", {{"id", event.id}, {"rejection", event.rejection}})) {
        *error = QStringLiteral("cannot record why the request was refused");
        return false;
    }
    if (!event.trailers.isEmpty()
        && !writeRow("insert-trailers", "event_trailers",
                     {{"id", event.id}, {"trailers", serializeHeaders(event.trailers)}}, error))
        return false;
    if (event.importedAtMs > 0
        && !writeRow("insert-import", "event_import", {{"id", event.id}, {"imported_at", event.importedAtMs}}, error))
        return false;
    return true;
}

bool EventStore::setHandlingTime(qint64 id, qint64 handlingUs)
{
    return upsertRow("save-handling", "event_info", {{"id", id}, {"handling_us", handlingUs}});
}

bool EventStore::saveInfo(const EventInfo &info)
{
    const bool saved = upsertRow("save-info", "event_info",
                                 {
                                     {"id", info.id},
                                     {"kind", text(info.kind)},
                                     {"event_name", text(info.eventName)},
                                     {"entity_id", text(info.entityId)},
                                     {"validity", int(info.validity)},
                                     {"violation_count", info.violationCount},
                                     {"violations", text(QString::fromUtf8(info.violationsJson))},
                                     {"json_error", text(info.jsonError)},
                                     {"languages", text(info.languages)},
                                     {"missing_translations", info.missingTranslations},
                                 });
    // The rejection is the receiver's, written with the event: this leaves it alone.
    return saved
        && upsertRow("save-signature", "event_trust",
                     {{"id", info.id}, {"signature", int(info.signature)}, {"signature_reason", text(info.signatureReason)}});
}

bool EventStore::saveAnswer(const AnswerRecord &record)
{
    return upsertRow("save-answer", "event_answer",
                     {
                         {"id", record.id},
                         {"source", int(record.source)},
                         {"status", record.response.status},
                         {"headers", serializeHeaders(record.response.headers)},
                         {"body", record.response.body},
                         {"after_ms", record.afterMs},
                         {"preset", text(record.presetId)},
                         {"rule", text(record.rule)},
                         {"via", int(record.via)},
                         {"preset_title", text(record.presetTitle)},
                         {"invalid", record.invalid ? 1 : 0},
                     });
}

bool EventStore::clear(QString *error)
{
    if (!begin()) {
        *error = QStringLiteral("cannot start a transaction");
        return false;
    }
    // The index is emptied at once ('delete-all'), and with nothing stored nothing is backlog.
    if (!beginChunkedClear(error) || clearBacklogChunk(std::numeric_limits<int>::max(), error) < 0) {
        rollback();
        return false;
    }
    return commit(error);
}

bool EventStore::remove(const QList<qint64> &ids, QString *error)
{
    if (!begin()) {
        *error = QStringLiteral("cannot start a transaction");
        return false;
    }
    if (!removeInTransaction(ids, error)) {
        rollback();
        return false;
    }
    return commit(error);
}

bool EventStore::copyTo(const QString &path, QString *error) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("VACUUM INTO :path"));
    q.bindValue(QStringLiteral(":path"), path);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace hookscope
