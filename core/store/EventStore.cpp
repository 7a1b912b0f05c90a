#include "EventStore.h"

#include "Log.h"
#include "Migrations.h"
#include "http/ContentDecoding.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <algorithm>

namespace hookscope {

namespace {

constexpr qsizetype kCompressFrom = 16 * 1024; // smaller bodies are stored as they are
enum BodyEncoding { Raw = 0, Zlib = 1 };

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("hookscope-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

// For NOT NULL columns: an empty value is stored as empty, never as NULL.
QVariant nonNull(const QByteArray &data)
{
    return data.isNull() ? QVariant(QByteArray("")) : QVariant(data);
}

QVariant blob(const QByteArray &data)
{
    return data.isNull() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(data);
}

std::pair<QByteArray, int> encodeBody(const QByteArray &body)
{
    if (body.size() >= kCompressFrom)
        return {deflateForStorage(body), Zlib};
    return {body, Raw};
}

// A body as received. SQLite has no checksums: a flipped byte in a body shows only as a
// compressed body zlib refuses or an encoding that was never written; `damage` (when given)
// then says so, and the body is empty.
QByteArray decodeBody(const QVariant &value, int encoding, QString *damage = nullptr, const char *what = "body")
{
    const QByteArray data = value.toByteArray();
    if (encoding == Zlib) {
        std::optional<QByteArray> inflated = inflateFromStorage(data);
        if (!inflated && damage)
            *damage = QStringLiteral("its compressed %1 cannot be decompressed").arg(QLatin1String(what));
        return std::move(inflated).value_or(QByteArray());
    }
    if (encoding != Raw && damage && !value.isNull())
        *damage = QStringLiteral("its %1 has an unknown storage encoding (%2)").arg(QLatin1String(what)).arg(encoding);
    return data;
}

constexpr auto kSelectEvent = R"(SELECT id, received_at, remote_address, remote_port, forwarded_for,
    forwarded_proto, forwarded_host, method, target, http_version, e.headers, content_type, e.body,
    body_encoding, decoded_body, decoded_encoding, decode_error, coalesce(a.status, response_status),
    CASE WHEN a.id IS NULL THEN response_headers ELSE a.headers END,
    CASE WHEN a.id IS NULL THEN response_body ELSE a.body END,
    coalesce(i.handling_us, e.handling_us), error, m.imported_at, t.rejection
    FROM events e LEFT JOIN event_info i USING (id) LEFT JOIN event_answer a USING (id)
    LEFT JOIN event_import m USING (id) LEFT JOIN event_trust t USING (id) WHERE e.id = ?)";

// kSelectEvent's columns, then the enrichment (loadInfo's columns) after them, for windows of events.
constexpr auto kSelectEventsWithInfo = R"(SELECT id, received_at, remote_address, remote_port, forwarded_for,
    forwarded_proto, forwarded_host, method, target, http_version, e.headers, content_type, e.body,
    body_encoding, decoded_body, decoded_encoding, decode_error, coalesce(a.status, response_status),
    CASE WHEN a.id IS NULL THEN response_headers ELSE a.headers END,
    CASE WHEN a.id IS NULL THEN response_body ELSE a.body END,
    coalesce(i.handling_us, e.handling_us), error, m.imported_at, t.rejection,
    i.id IS NOT NULL, i.kind, i.event_name, i.entity_id, i.validity, i.violation_count, i.violations, i.json_error,
    i.languages, i.missing_translations, t.rejection, t.signature, t.signature_reason, e.body_size
    FROM events e LEFT JOIN event_info i USING (id) LEFT JOIN event_answer a USING (id)
    LEFT JOIN event_import m USING (id) LEFT JOIN event_trust t USING (id) )";
constexpr int kEventColumnCount = 24; // columns of kSelectEvent
constexpr int kBodySizeColumn = kEventColumnCount + 13; // in kSelectEventsWithInfo

// One row of kSelectEvent (or of a query starting with its columns); `damage` as decodeBody's.
Event eventFromQuery(const QSqlQuery &q, QString *damage = nullptr)
{
    Event e;
    int i = 0;
    e.id = q.value(i++).toLongLong();
    e.receivedAtMs = q.value(i++).toLongLong();
    e.remoteAddress = q.value(i++).toString();
    e.remotePort = quint16(q.value(i++).toUInt());
    e.forwardedFor = q.value(i++).toByteArray();
    e.forwardedProto = q.value(i++).toByteArray();
    e.forwardedHost = q.value(i++).toByteArray();
    e.method = q.value(i++).toByteArray();
    e.target = q.value(i++).toByteArray();
    e.httpVersion = q.value(i++).toByteArray();
    e.headers = parseHeaderBlock(q.value(i++).toByteArray());
    e.contentType = q.value(i++).toByteArray();
    const QVariant body = q.value(i++);
    e.body = decodeBody(body, q.value(i++).toInt(), damage);
    const QVariant decoded = q.value(i++);
    const int decodedEncoding = q.value(i++).toInt();
    if (!decoded.isNull())
        e.decodedBody = decodeBody(decoded, decodedEncoding, damage, "decoded body");
    e.decodeError = q.value(i++).toString();
    e.response.status = q.value(i++).toInt();
    e.response.headers = parseHeaderBlock(q.value(i++).toByteArray());
    e.response.body = q.value(i++).toByteArray();
    const QVariant handling = q.value(i++);
    e.handlingUs = handling.isNull() ? -1 : handling.toLongLong();
    e.error = q.value(i++).toString();
    e.importedAtMs = q.value(i++).toLongLong();
    e.rejection = q.value(i++).toString();
    Q_ASSERT(i == kEventColumnCount);
    return e;
}

} // namespace

EventStore::EventStore()
    : m_connectionName(nextConnectionName())
{
}

EventStore::~EventStore()
{
    close();
}

QString EventStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/events.sqlite");
}

QSqlQuery EventStore::query() const
{
    return QSqlQuery(QSqlDatabase::database(m_connectionName, false));
}

bool EventStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool EventStore::open(const QString &path, QString *error, SyncMode sync)
{
    close();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        return false;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(info.absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
        if (!db.open()) {
            *error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
        QSqlQuery q(db);
        const QString syncPragma = sync == SyncMode::Full ? QStringLiteral("PRAGMA synchronous=FULL")
                                                          : QStringLiteral("PRAGMA synchronous=NORMAL");
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()
            || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            *error = QStringLiteral("%1 is not a usable SQLite store: %2")
                         .arg(path, q.lastError().text().isEmpty() ? QStringLiteral("WAL mode refused")
                                                                   : q.lastError().text());
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
        q.exec(syncPragma);
        // A damaged page is an error, not rows of garbage: without this SQLite reads a cell
        // whose pointer was flipped from wherever it points (StoreHealth, SalvageReader).
        q.exec(QStringLiteral("PRAGMA cell_size_check=ON"));
        // After a burst the WAL can be large; once checkpointed, cut it back to 64 MiB.
        q.exec(QStringLiteral("PRAGMA journal_size_limit=67108864"));
        if (!Migrations::apply(db, error)) {
            *error = QStringLiteral("%1: %2").arg(path, *error);
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
    }
    m_path = info.absoluteFilePath();
    return true;
}

bool EventStore::openForReading(const QString &path, QString *error)
{
    close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(QFileInfo(path).absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
        QString why;
        if (!db.open()) {
            why = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        } else if (QSqlQuery q(db); !q.exec(QStringLiteral("PRAGMA cell_size_check=ON"))
                   || !q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            why = QStringLiteral("%1 is not a usable SQLite store: %2").arg(path, q.lastError().text());
        } else if (const int version = q.value(0).toInt(); version != Migrations::currentVersion()) {
            why = QStringLiteral("%1 has schema %2, this build reads schema %3 (a newer store, or an older one that "
                                 "hookscope upgrades when it opens it)")
                      .arg(path)
                      .arg(version)
                      .arg(Migrations::currentVersion());
        }
        if (!why.isEmpty()) {
            *error = why;
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
    }
    m_path = QFileInfo(path).absoluteFilePath();
    return true;
}

void EventStore::close()
{
    m_insert.reset();
    m_loadTrailers.reset();
    m_updateHandling.reset();
    m_saveSignature.reset();
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

void EventStore::leaveWalToCheckpointer()
{
    QSqlQuery q = query();
    q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    q.exec(QStringLiteral("PRAGMA journal_size_limit=-1"));
}

void EventStore::setBusyTimeout(int ms)
{
    QSqlQuery q = query();
    q.exec(QStringLiteral("PRAGMA busy_timeout=%1").arg(ms));
}

qint64 EventStore::setMaxPageCount(qint64 pages)
{
    QSqlQuery q = query();
    qint64 limit = pages;
    if (pages < 0 && q.exec(QStringLiteral("PRAGMA page_count")) && q.next())
        limit = q.value(0).toLongLong();
    else if (pages == 0)
        limit = 4294967294; // SQLite clamps this to its own maximum
    if (!q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(limit)) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

EventStore::WalCheckpoint EventStore::checkpointWal(CheckpointMode mode)
{
    QSqlQuery q = query();
    WalCheckpoint result;
    if (!q.exec(mode == CheckpointMode::Passive ? QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")
                                                : QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))
        || !q.next())
        return result;
    // One row: (busy, frames in the WAL, frames checkpointed); -1 frames when not in WAL mode.
    result.ran = true;
    result.logFrames = std::max(0, q.value(1).toInt());
    result.checkpointedFrames = std::max(0, q.value(2).toInt());
    result.complete = q.value(0).toInt() == 0 && result.checkpointedFrames == result.logFrames;
    return result;
}

qint64 EventStore::count() const
{
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM events")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool EventStore::begin()
{
    return QSqlDatabase::database(m_connectionName, false).transaction();
}

bool EventStore::commit(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.commit())
        return true;
    *error = db.lastError().text();
    return false;
}

void EventStore::rollback()
{
    QSqlDatabase::database(m_connectionName, false).rollback();
}

bool EventStore::insert(Event &event, QString *error)
{
    if (!m_insert) {
        m_insert = std::make_unique<QSqlQuery>(query());
        m_insert->prepare(QStringLiteral(R"(INSERT INTO events (received_at, remote_address, remote_port,
            forwarded_for, forwarded_proto, forwarded_host, method, target, http_version, headers,
            content_type, body, body_size, body_encoding, decoded_body, decoded_encoding, decode_error,
            response_status, response_headers, response_body, handling_us, error)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))"));
    }
    QSqlQuery &q = *m_insert;
    const auto [body, bodyEncoding] = encodeBody(event.body);
    int i = 0;
    q.bindValue(i++, event.receivedAtMs);
    q.bindValue(i++, event.remoteAddress.isNull() ? QStringLiteral("") : event.remoteAddress);
    q.bindValue(i++, event.remotePort);
    q.bindValue(i++, blob(event.forwardedFor));
    q.bindValue(i++, blob(event.forwardedProto));
    q.bindValue(i++, blob(event.forwardedHost));
    q.bindValue(i++, nonNull(event.method));
    q.bindValue(i++, nonNull(event.target));
    q.bindValue(i++, nonNull(event.httpVersion));
    q.bindValue(i++, nonNull(serializeHeaders(event.headers)));
    q.bindValue(i++, blob(event.contentType));
    q.bindValue(i++, body);
    q.bindValue(i++, event.body.size());
    q.bindValue(i++, bodyEncoding);
    if (event.decodedBody) {
        const auto [decoded, decodedEncoding] = encodeBody(*event.decodedBody);
        q.bindValue(i++, decoded);
        q.bindValue(i++, decodedEncoding);
    } else {
        q.bindValue(i++, QVariant(QMetaType(QMetaType::QByteArray)));
        q.bindValue(i++, 0);
    }
    q.bindValue(i++, event.decodeError.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : event.decodeError);
    q.bindValue(i++, event.response.status);
    q.bindValue(i++, nonNull(serializeHeaders(event.response.headers)));
    q.bindValue(i++, event.response.body);
    q.bindValue(i++, event.handlingUs >= 0 ? QVariant(event.handlingUs) : QVariant(QMetaType(QMetaType::LongLong)));
    q.bindValue(i++, event.error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : event.error);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    event.id = q.lastInsertId().toLongLong();
    if (!event.rejection.isEmpty() && !saveRejection(event.id, event.rejection)) {
        *error = QStringLiteral("cannot record why the request was refused");
        return false;
    }
    if (!event.trailers.isEmpty()) {
        QSqlQuery trailers = query();
        trailers.prepare(QStringLiteral("INSERT INTO event_trailers (id, trailers) VALUES (?, ?)"));
        trailers.bindValue(0, event.id);
        trailers.bindValue(1, serializeHeaders(event.trailers));
        if (!trailers.exec()) {
            *error = trailers.lastError().text();
            return false;
        }
    }
    if (event.importedAtMs > 0) {
        QSqlQuery mark = query();
        mark.prepare(QStringLiteral("INSERT INTO event_import (id, imported_at) VALUES (?, ?)"));
        mark.bindValue(0, event.id);
        mark.bindValue(1, event.importedAtMs);
        if (!mark.exec()) {
            *error = mark.lastError().text();
            return false;
        }
    }
    return true;
}

bool EventStore::saveRejection(qint64 id, const QString &rejection)
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("INSERT INTO event_trust (id, rejection) VALUES (?, ?) "
                             "ON CONFLICT (id) DO UPDATE SET rejection = excluded.rejection"));
    q.bindValue(0, id);
    q.bindValue(1, rejection);
    return q.exec();
}

bool EventStore::saveSignature(const EventInfo &info)
{
    if (!m_saveSignature) {
        m_saveSignature = std::make_unique<QSqlQuery>(query());
        m_saveSignature->prepare(QStringLiteral(
            "INSERT INTO event_trust (id, signature, signature_reason) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE "
            "SET signature = excluded.signature, signature_reason = excluded.signature_reason"));
    }
    m_saveSignature->bindValue(0, info.id);
    m_saveSignature->bindValue(1, int(info.signature));
    m_saveSignature->bindValue(2, info.signatureReason.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                                 : QVariant(info.signatureReason));
    return m_saveSignature->exec();
}

bool EventStore::setHandlingTime(qint64 id, qint64 handlingUs)
{
    if (!m_updateHandling) {
        m_updateHandling = std::make_unique<QSqlQuery>(query());
        m_updateHandling->prepare(QStringLiteral("INSERT INTO event_info (id, handling_us) VALUES (?, ?) "
                                                 "ON CONFLICT (id) DO UPDATE SET handling_us = excluded.handling_us"));
    }
    m_updateHandling->bindValue(0, id);
    m_updateHandling->bindValue(1, handlingUs);
    return m_updateHandling->exec();
}

bool EventStore::saveInfo(const EventInfo &info)
{
    if (!m_saveInfo) {
        m_saveInfo = std::make_unique<QSqlQuery>(query());
        m_saveInfo->prepare(QStringLiteral(R"(INSERT INTO event_info (id, kind, event_name, entity_id, validity,
            violation_count, violations, json_error, languages, missing_translations) VALUES (?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, event_name = excluded.event_name,
            entity_id = excluded.entity_id, validity = excluded.validity, violation_count = excluded.violation_count,
            violations = excluded.violations, json_error = excluded.json_error, languages = excluded.languages,
            missing_translations = excluded.missing_translations)"));
    }
    QSqlQuery &q = *m_saveInfo;
    const auto text = [](const QString &s) { return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s); };
    q.bindValue(0, info.id);
    q.bindValue(1, text(info.kind));
    q.bindValue(2, text(info.eventName));
    q.bindValue(3, text(info.entityId));
    q.bindValue(4, int(info.validity));
    q.bindValue(5, info.violationCount);
    q.bindValue(6, info.violationsJson.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                 : QVariant(QString::fromUtf8(info.violationsJson)));
    q.bindValue(7, text(info.jsonError));
    q.bindValue(8, text(info.languages));
    q.bindValue(9, info.missingTranslations);
    return q.exec() && saveSignature(info);
}

namespace {
// Reads kind, event_name, entity_id, validity, violation_count, violations, json_error,
// languages, missing_translations starting at column `first`.
EventInfo infoFromQuery(const QSqlQuery &q, int first, qint64 id)
{
    EventInfo info;
    info.id = id;
    const QVariant validity = q.value(first + 3);
    if (validity.isNull())
        return info;
    info.kind = q.value(first).toString();
    info.eventName = q.value(first + 1).toString();
    info.entityId = q.value(first + 2).toString();
    info.validity = EventInfo::Validity(validity.toInt());
    info.violationCount = q.value(first + 4).toInt();
    info.violationsJson = q.value(first + 5).toString().toUtf8();
    info.jsonError = q.value(first + 6).toString();
    info.languages = q.value(first + 7).toString();
    info.missingTranslations = q.value(first + 8).toInt();
    return info;
}

// Reads rejection, signature, signature_reason (event_trust) starting at column `first`.
void trustFromQuery(const QSqlQuery &q, int first, EventInfo *info)
{
    info->rejection = q.value(first).toString();
    info->signature = SignatureStatus(q.value(first + 1).toInt());
    info->signatureReason = q.value(first + 2).toString();
}
} // namespace

std::optional<EventInfo> EventStore::loadInfo(qint64 id) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT kind, event_name, entity_id, validity, violation_count, violations, json_error, "
                             "languages, missing_translations, t.rejection, t.signature, t.signature_reason "
                             "FROM event_info LEFT JOIN event_trust t USING (id) WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    EventInfo info = infoFromQuery(q, 0, id);
    trustFromQuery(q, 9, &info);
    return info;
}

bool EventStore::saveAnswer(const AnswerRecord &record)
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO event_answer (id, source, status, headers, body, after_ms, preset) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, record.id);
    q.bindValue(1, int(record.source));
    q.bindValue(2, record.response.status);
    q.bindValue(3, serializeHeaders(record.response.headers));
    q.bindValue(4, record.response.body);
    q.bindValue(5, record.afterMs);
    q.bindValue(6, record.presetId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(record.presetId));
    if (!q.exec()) {
        qCWarning(lcStore).noquote() << "answer of event" << record.id << "not saved:" << q.lastError().text();
        return false;
    }
    return true;
}

std::optional<AnswerRecord> EventStore::loadAnswer(qint64 id) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT source, status, headers, body, after_ms, preset FROM event_answer WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    AnswerRecord record;
    record.id = id;
    record.source = AnswerSource(q.value(0).toInt());
    record.response.status = q.value(1).toInt();
    record.response.headers = parseHeaderBlock(q.value(2).toByteArray());
    record.response.body = q.value(3).toByteArray();
    record.afterMs = q.value(4).toLongLong();
    record.presetId = q.value(5).toString();
    return record;
}

QSet<qint64> EventStore::answeredIds() const
{
    QSet<qint64> out;
    QSqlQuery q = query();
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
    q.prepare(QString::fromLatin1(kSelectEvent));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Event event = eventFromQuery(q);
    loadTrailers(&event);
    return event;
}

void EventStore::loadTrailers(Event *event) const
{
    if (!m_loadTrailers) {
        m_loadTrailers = std::make_unique<QSqlQuery>(query());
        m_loadTrailers->prepare(QStringLiteral("SELECT trailers FROM event_trailers WHERE id = ?"));
    }
    m_loadTrailers->bindValue(0, event->id);
    if (m_loadTrailers->exec() && m_loadTrailers->next())
        event->trailers = parseHeaderBlock(m_loadTrailers->value(0).toByteArray());
    m_loadTrailers->finish();
}

QList<EventSummary> EventStore::summaries(qint64 afterId, int limit) const
{
    QList<EventSummary> rows;
    QSqlQuery q = query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(R"(SELECT id, received_at, method, target, coalesce(a.status, response_status), body_size,
        remote_address, forwarded_for, content_type, i.kind, i.event_name, i.entity_id, i.validity,
        i.violation_count, NULL, i.json_error, i.languages, i.missing_translations,
        t.rejection, t.signature, t.signature_reason, m.imported_at
        FROM events e LEFT JOIN event_info i USING (id) LEFT JOIN event_answer a USING (id)
        LEFT JOIN event_trust t USING (id) LEFT JOIN event_import m USING (id)
        WHERE id > ? ORDER BY id LIMIT ?)"));
    q.bindValue(0, afterId);
    q.bindValue(1, limit);
    if (!q.exec())
        return rows;
    rows.reserve(limit);
    while (q.next()) {
        EventSummary s;
        s.id = q.value(0).toLongLong();
        s.receivedAtMs = q.value(1).toLongLong();
        s.method = q.value(2).toByteArray();
        s.target = q.value(3).toByteArray();
        s.responseStatus = q.value(4).toInt();
        s.bodySize = q.value(5).toLongLong();
        Event sender;
        sender.remoteAddress = q.value(6).toString();
        sender.forwardedFor = q.value(7).toByteArray();
        s.sender = sender.sender();
        s.contentType = q.value(8).toByteArray();
        s.info = infoFromQuery(q, 9, s.id);
        trustFromQuery(q, 18, &s.info);
        s.imported = !q.value(21).isNull();
        rows.append(s);
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

bool EventStore::clear(QString *error)
{
    if (!begin()) {
        *error = QStringLiteral("cannot start a transaction");
        return false;
    }
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("DELETE FROM events")) || !q.exec(QStringLiteral("DELETE FROM event_info"))
        || !q.exec(QStringLiteral("DELETE FROM event_answer"))
        || !q.exec(QStringLiteral("DELETE FROM event_trust"))
        || !q.exec(QStringLiteral("DELETE FROM event_import"))) {
        *error = q.lastError().text();
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
    QSqlQuery q = query();
    QSqlQuery info = query();
    q.prepare(QStringLiteral("DELETE FROM events WHERE id = ?"));
    info.prepare(QStringLiteral("DELETE FROM event_info WHERE id = ?"));
    QSqlQuery answer = query();
    answer.prepare(QStringLiteral("DELETE FROM event_answer WHERE id = ?"));
    QSqlQuery trust = query();
    trust.prepare(QStringLiteral("DELETE FROM event_trust WHERE id = ?"));
    QSqlQuery imported = query();
    imported.prepare(QStringLiteral("DELETE FROM event_import WHERE id = ?"));
    for (qint64 id : ids) {
        q.bindValue(0, id);
        info.bindValue(0, id);
        answer.bindValue(0, id);
        trust.bindValue(0, id);
        imported.bindValue(0, id);
        if (!q.exec() || !info.exec() || !answer.exec() || !trust.exec() || !imported.exec()) {
            *error = q.lastError().text() + info.lastError().text() + answer.lastError().text()
                + trust.lastError().text() + imported.lastError().text();
            rollback();
            return false;
        }
    }
    return commit(error);
}

qint64 EventStore::maxId() const
{
    QSqlQuery q = query();
    if (!q.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM events")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

QList<qint64> EventStore::matchingIds(const QByteArray &needle, qint64 afterId, qint64 upToId, bool *complete) const
{
    QList<qint64> out;
    if (complete)
        *complete = true;
    const QByteArray lowered = needle.toLower();
    QSqlQuery q = query();
    q.setForwardOnly(true);
    // instr() over lower(CAST(... AS TEXT)) is a byte search for ASCII case-folded text;
    // compressed columns are skipped here and fetched below.
    q.prepare(QStringLiteral(R"(SELECT id, body_encoding, decoded_encoding,
        (instr(lower(CAST(target AS TEXT)), ?) > 0
         OR instr(lower(CAST(headers AS TEXT)), ?) > 0
         OR (body_encoding = 0 AND instr(lower(CAST(body AS TEXT)), ?) > 0)
         OR (decoded_encoding = 0 AND decoded_body IS NOT NULL
             AND instr(lower(CAST(decoded_body AS TEXT)), ?) > 0))
        FROM events WHERE id > ? AND id <= ? ORDER BY id)"));
    const QString text = QString::fromUtf8(lowered);
    for (int i = 0; i < 4; ++i)
        q.bindValue(i, text);
    q.bindValue(4, afterId);
    q.bindValue(5, upToId);
    if (!q.exec()) {
        if (complete)
            *complete = false;
        return out;
    }
    QList<qint64> compressed;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (q.value(3).toBool())
            out.append(id);
        else if (q.value(1).toInt() == Zlib || q.value(2).toInt() == Zlib)
            compressed.append(id);
    }
    if (complete && q.lastError().isValid())
        *complete = false;
    if (compressed.isEmpty())
        return out;
    QSqlQuery b = query();
    b.setForwardOnly(true);
    b.prepare(QStringLiteral("SELECT body, body_encoding, decoded_body, decoded_encoding FROM events WHERE id = ?"));
    for (const qint64 id : std::as_const(compressed)) {
        b.bindValue(0, id);
        if (!b.exec() || !b.next()) {
            if (complete && b.lastError().isValid())
                *complete = false;
            continue;
        }
        const bool hit = (b.value(1).toInt() == Zlib && decodeBody(b.value(0), Zlib).toLower().contains(lowered))
            || (b.value(3).toInt() == Zlib && decodeBody(b.value(2), Zlib).toLower().contains(lowered));
        if (hit)
            out.insert(std::lower_bound(out.begin(), out.end(), id), id);
    }
    return out;
}

bool EventStore::copyTo(const QString &path, QString *error) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.bindValue(0, path);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

std::optional<qint64> EventStore::previousOfEntity(const QString &kind, const QString &entityId, qint64 beforeId) const
{
    if (kind.isEmpty() || entityId.isEmpty())
        return std::nullopt;
    // Joined with events: an enrichment result may outlive a deleted event.
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT max(i.id) FROM event_info i JOIN events e USING (id) "
                             "WHERE i.kind = ? AND i.entity_id = ? AND i.id < ?"));
    q.bindValue(0, kind);
    q.bindValue(1, entityId);
    q.bindValue(2, beforeId);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

qint64 EventStore::visitEvents(qint64 afterId, int limit, const EventVisitor &visit) const
{
    QSqlQuery q = query();
    q.setForwardOnly(true);
    q.prepare(QString::fromLatin1(kSelectEventsWithInfo) + QStringLiteral("WHERE e.id > ? ORDER BY e.id LIMIT ?"));
    q.bindValue(0, afterId);
    q.bindValue(1, limit);
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
    q.prepare(QString::fromLatin1(kSelectEventsWithInfo)
              + QStringLiteral("WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id"));
    q.bindValue(0, QString::fromLatin1(list));
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
    qint64 visited = 0;
    qint64 lastId = 0;
    while (q.next()) {
        QString damage;
        Event event = eventFromQuery(q, &damage);
        if (event.id <= lastId) { // the query orders by id: a row out of order was read from garbage
            m_readFailure.reason = QStringLiteral("a damaged page gave an event id out of order (#%1 after #%2)")
                                       .arg(event.id)
                                       .arg(lastId);
            return -1;
        }
        lastId = event.id;
        if (const QVariant size = q.value(kBodySizeColumn); damage.isEmpty() && size.toLongLong() != event.body.size())
            damage = QStringLiteral("its body is %1 bytes but was stored as %2 bytes")
                         .arg(event.body.size())
                         .arg(size.toLongLong());
        if (!damage.isEmpty()) {
            m_readFailure = {event.id, damage};
            return -1;
        }
        loadTrailers(&event);
        std::optional<EventInfo> info;
        if (q.value(kEventColumnCount).toBool()) {
            info = infoFromQuery(q, kEventColumnCount + 1, event.id);
            trustFromQuery(q, kEventColumnCount + 10, &*info);
        }
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
    q.prepare(QStringLiteral("SELECT id FROM events WHERE id >= ? ORDER BY id LIMIT ?"));
    q.bindValue(0, fromId);
    q.bindValue(1, limit);
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
