#include "Migrations.h"

#include "util/Log.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <vector>

namespace hookscope {

namespace {

// Rebuilds side table `table` as one whose id is its event's, ON DELETE CASCADE; `columns`
// are those after the id, in the table's order (the copy is SELECT *).
QStringList followEvents(const char *table, const char *columns)
{
    const QLatin1StringView name(table);
    return {
        QStringLiteral("CREATE TABLE %1_new (id INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE, %2)")
            .arg(name, QLatin1StringView(columns)),
        QStringLiteral("INSERT INTO %1_new SELECT * FROM %1 WHERE id IN (SELECT id FROM events)").arg(name),
        QStringLiteral("DROP TABLE %1").arg(name),
        QStringLiteral("ALTER TABLE %1_new RENAME TO %1").arg(name),
    };
}

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
        // 8 (branches storecols, cascade): every side table goes with its event by FOREIGN KEY
        // … ON DELETE CASCADE (issue 21), replacing the two triggers above and the deletes
        // EventStore::clear()/remove() once made by hand. SQLite cannot add a constraint to a
        // table, so each one is rebuilt (columns as before, rows whose event exists: orphans of
        // earlier deletes go now). The triggers go first: a rename checks every trigger body.
        // The cascade runs only on a connection with PRAGMA foreign_keys = ON: every one that
        // Hookscope opens has it (EventStore::enforceForeignKeys); another client without it
        // (the sqlite3 shell by default) leaves side rows behind, which nothing reads and no
        // new event meets (ids are AUTOINCREMENT, never reused). A result that arrives after
        // its event was deleted writes nothing (upsertSql) instead of failing on the key.
        // Measured (the same SQL from Python's sqlite3): 200,000 events of 1 KB with info and
        // trust rows and 20,000 forward results migrate in 0.9 s.
        [] {
            QStringList sql = {
                QStringLiteral("DROP TRIGGER IF EXISTS event_forward_gone"),
                QStringLiteral("DROP TRIGGER IF EXISTS event_trailers_follow"),
                QStringLiteral("DROP TRIGGER IF EXISTS event_side_rows_follow"),
            };
            sql += followEvents("event_info", R"(handling_us INTEGER, kind TEXT, event_name TEXT, entity_id TEXT,
                validity INTEGER, violation_count INTEGER, violations TEXT, json_error TEXT, languages TEXT,
                missing_translations INTEGER)");
            sql += followEvents("event_forward", R"(url TEXT NOT NULL, forwarded_at INTEGER NOT NULL,
                status INTEGER NOT NULL DEFAULT 0, latency_us INTEGER, error TEXT, response_headers BLOB,
                response_body BLOB)");
            sql += followEvents("event_answer", R"(source INTEGER NOT NULL, status INTEGER NOT NULL, headers BLOB,
                body BLOB, after_ms INTEGER NOT NULL, preset TEXT)");
            sql += followEvents("event_trust", "rejection TEXT, signature INTEGER NOT NULL DEFAULT 0, signature_reason TEXT");
            sql += followEvents("event_import", "imported_at INTEGER NOT NULL");
            sql += followEvents("event_trailers", "trailers BLOB NOT NULL");
            return sql;
        }(),
        // 9 (branch rules26, issue 26): the answer rule that decided an answer (AnswerSource::Rule),
        // shown in the Result column as 503 · rule "fail twice"; NULL for every other source.
        {
            QStringLiteral("ALTER TABLE event_answer ADD COLUMN rule TEXT"),
        },
        // 10 (branch group26, issue 26): the delivery key of an event: the same vendor event sent
        // again (a retry) has the same key (the kind's delivery id: a header such as Standard
        // Webhooks' webhook-id or a JSON pointer; else its kind, path and body hash, by_body 1,
        // grouped only within a time window), and its entity's version (updatedAt, …). Computed
        // once per event by DeliveryIndexer; an older store gets its keys on demand. Indexed by key,
        // so a group is one range read.
        {
            QStringLiteral(R"(CREATE TABLE event_delivery (
                id INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
                delivery_key TEXT NOT NULL,
                by_body INTEGER NOT NULL DEFAULT 0,
                version TEXT
            ))"),
            QStringLiteral("CREATE INDEX event_delivery_by_key ON event_delivery (delivery_key, id)"),
        },
        // 11 (branch table25, issue 25 points 1 and 3): the event table filters and sorts a
        // store of any size in SQL (EventStore::viewIds), so the filters' columns are indexed:
        // the kind and validity choosers, "missing translations" (partial: few rows have any)
        // and the App column's outcome. events_by_id holds the ids alone (a few bytes each
        // against the table's whole rows): every id (the table's rows), the count at start and
        // enrichment's catch-up read it instead of every event's page (a million events: 505
        // MiB of pages); the capture path's insert appends one entry at its right edge.
        {
            QStringLiteral("CREATE INDEX IF NOT EXISTS events_by_id ON events (id)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS event_info_kind ON event_info (kind, validity)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS event_info_validity ON event_info (validity)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS event_info_missing ON event_info (missing_translations) "
                           "WHERE missing_translations > 0"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS event_forward_status ON event_forward (status)"),
        },
        // 12 (branch fts25, issue 25; 11 is branch table25's indexes): the search index: an
        // FTS5 table with the trigram tokenizer over each event's text
        // (EventFilter::indexedText), contentless (the text is in `events` already; the writer
        // gives it again to take an event out) and without positions (detail=none: the index
        // only narrows, EventFilter decides). Kept by the writer after the commit, never before
        // the 2xx: events above indexed_up_to are not indexed yet (every event of an older
        // store, at first), a search tests them all and the writer indexes them between
        // requests, oldest first. clear_after/clear_up_to: the events a chunked clear has still
        // to delete. Needs FTS5 and the trigram tokenizer (SQLite 3.34; Debian 12's 3.40 has
        // both, and so does the SQLite bundled with Qt).
        {
            QStringLiteral("CREATE VIRTUAL TABLE event_text USING fts5(text, tokenize = 'trigram', content = '', "
                           "detail = 'none')"),
            QStringLiteral(R"(CREATE TABLE event_text_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                indexed_up_to INTEGER NOT NULL,
                clear_after INTEGER NOT NULL,
                clear_up_to INTEGER NOT NULL
            ))"),
            QStringLiteral("INSERT INTO event_text_state VALUES (1, 0, 0, 0)"),
            // Events whose text the index does not hold (binary, or over 64 KiB): every
            // search tests them as the scan does.
            QStringLiteral("CREATE TABLE event_text_scan (id INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE)"),
        },
        // 13 (branch win24c, issue 24.9): how the user gave a held hook's answer (AnswerVia: button, shortcut,
        // Send anyway), the preset's name at the time and whether the answer broke the kind's
        // response schema, so the Result column reads the same after a restart and an import.
        // Rows written before read as 0/NULL: "how" unknown, the preset's id, a valid answer.
        {
            QStringLiteral("ALTER TABLE event_answer ADD COLUMN via INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE event_answer ADD COLUMN preset_title TEXT"),
            QStringLiteral("ALTER TABLE event_answer ADD COLUMN invalid INTEGER NOT NULL DEFAULT 0"),
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
