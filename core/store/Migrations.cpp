#include "Migrations.h"

#include "util/Log.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <vector>

namespace hookscope {

namespace {

// Step N takes a store from user_version N-1 to N. Never edit a released step: add one.
const std::vector<QStringList> &steps()
{
    static const std::vector<QStringList> all = {
        // 1: the event table of the foundation.
        {
            QStringLiteral(R"(CREATE TABLE events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at INTEGER NOT NULL,
                remote_address TEXT NOT NULL DEFAULT '',
                remote_port INTEGER NOT NULL DEFAULT 0,
                forwarded_for BLOB,
                forwarded_proto BLOB,
                forwarded_host BLOB,
                method BLOB NOT NULL,
                target BLOB NOT NULL,
                http_version BLOB NOT NULL,
                headers BLOB NOT NULL,
                content_type BLOB,
                body BLOB,
                body_size INTEGER NOT NULL DEFAULT 0,
                body_encoding INTEGER NOT NULL DEFAULT 0,
                decoded_body BLOB,
                decoded_encoding INTEGER NOT NULL DEFAULT 0,
                decode_error TEXT,
                response_status INTEGER NOT NULL,
                response_headers BLOB NOT NULL,
                response_body BLOB,
                handling_us INTEGER,
                error TEXT
            ))"),
        },
        // 2: what is learnt about an event after it was stored (handling time, kind,
        // validation). A table of its own: updating a column of `events` would make SQLite
        // rewrite the whole row, body included.
        {
            QStringLiteral(R"(CREATE TABLE event_info (
                id INTEGER PRIMARY KEY,
                handling_us INTEGER,
                kind TEXT,
                event_name TEXT,
                entity_id TEXT,
                validity INTEGER,
                violation_count INTEGER,
                violations TEXT,
                json_error TEXT,
                languages TEXT,
                missing_translations INTEGER
            ))"),
        },
        // 3: what the local app answered when an event was forwarded to it (--forward).
        // The trigger drops a result together with its event (clear, delete).
        {
            QStringLiteral(R"(CREATE TABLE event_forward (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL,
                forwarded_at INTEGER NOT NULL,
                status INTEGER NOT NULL DEFAULT 0,
                latency_us INTEGER,
                error TEXT,
                response_headers BLOB,
                response_body BLOB
            ))"),
            QStringLiteral(R"(CREATE TRIGGER event_forward_gone AFTER DELETE ON events
                BEGIN DELETE FROM event_forward WHERE id = old.id; END)"),
        },
        // 4: the answer actually sent to a held hook (or a --respond preset), who decided it and
        // how long after arrival; the events row keeps status 0 for "held, not answered yet".
        {
            QStringLiteral(R"(CREATE TABLE event_answer (
                id INTEGER PRIMARY KEY,
                source INTEGER NOT NULL,
                status INTEGER NOT NULL,
                headers BLOB,
                body BLOB,
                after_ms INTEGER NOT NULL,
                preset TEXT
            ))"),
        },
        // 5: trust (core/trust): why the endpoint refused a request (401/404, NULL when it was
        // accepted) and the outcome of its signature check (SignatureStatus) with the reason.
        {
            QStringLiteral(R"(CREATE TABLE event_trust (
                id INTEGER PRIMARY KEY,
                rejection TEXT,
                signature INTEGER NOT NULL DEFAULT 0,
                signature_reason TEXT
            ))"),
        },
        // 6: events that came from an imported file (hookscope export or HAR), and when.
        {
            QStringLiteral(R"(CREATE TABLE event_import (
                id INTEGER PRIMARY KEY,
                imported_at INTEGER NOT NULL
            ))"),
        },
        // 7 (branch receiver): chunked trailer fields, apart from the head's fields; they go
        // with their event (the trigger spares clear() and remove() a table to remember).
        {
            QStringLiteral(R"(CREATE TABLE event_trailers (
                id INTEGER PRIMARY KEY,
                trailers BLOB NOT NULL
            ))"),
            QStringLiteral(R"(CREATE TRIGGER event_trailers_follow AFTER DELETE ON events
                BEGIN DELETE FROM event_trailers WHERE id = old.id; END)"),
        },
        // 8 (branch storecols): every side table goes with its event by ONE trigger, which
        // replaces the two above and the deletes EventStore::clear()/remove() made by hand.
        // A trigger rather than FOREIGN KEY … ON DELETE CASCADE: it needs no rebuild of six
        // tables, no PRAGMA foreign_keys on every connection that deletes (a forgotten one
        // would leave rows behind silently), and an enrichment result that arrives after
        // its event was deleted is still written (an orphan nobody reads) instead of failing
        // as a store error. Orphans of earlier deletes go now.
        {
            QStringLiteral("DROP TRIGGER IF EXISTS event_forward_gone"),
            QStringLiteral("DROP TRIGGER IF EXISTS event_trailers_follow"),
            QStringLiteral(R"(CREATE TRIGGER event_side_rows_follow AFTER DELETE ON events BEGIN
                DELETE FROM event_info WHERE id = old.id;
                DELETE FROM event_trust WHERE id = old.id;
                DELETE FROM event_answer WHERE id = old.id;
                DELETE FROM event_import WHERE id = old.id;
                DELETE FROM event_forward WHERE id = old.id;
                DELETE FROM event_trailers WHERE id = old.id;
            END)"),
            QStringLiteral("DELETE FROM event_info WHERE id NOT IN (SELECT id FROM events)"),
            QStringLiteral("DELETE FROM event_trust WHERE id NOT IN (SELECT id FROM events)"),
            QStringLiteral("DELETE FROM event_answer WHERE id NOT IN (SELECT id FROM events)"),
            QStringLiteral("DELETE FROM event_import WHERE id NOT IN (SELECT id FROM events)"),
            QStringLiteral("DELETE FROM event_forward WHERE id NOT IN (SELECT id FROM events)"),
            QStringLiteral("DELETE FROM event_trailers WHERE id NOT IN (SELECT id FROM events)"),
        },
    };
    return all;
}

} // namespace

int Migrations::currentVersion()
{
    return int(steps().size());
}

bool Migrations::apply(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const int version = query.value(0).toInt();
    if (version > currentVersion()) {
        *error = QStringLiteral("the store was written by a newer Hookscope (schema %1, this build knows %2)")
                     .arg(version)
                     .arg(currentVersion());
        return false;
    }
    for (int v = version; v < currentVersion(); ++v) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        for (const QString &sql : steps()[size_t(v)]) {
            if (!query.exec(sql)) {
                *error = QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(query.lastError().text());
                db.rollback();
                return false;
            }
        }
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1)) || !db.commit()) {
            *error = QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(db.lastError().text());
            db.rollback();
            return false;
        }
        qCInfo(lcStore) << "store migrated to schema" << v + 1;
    }
    return true;
}

} // namespace hookscope
