#pragma once

#include "event/Event.h"
#include "EventFilter.h"
#include "EventSummary.h"
#include "DeliveryRecord.h"
#include "ForwardRecord.h"
#include "StoreColumns.h"
#include "event/EventInfo.h"
#include "event/AnswerRecord.h"

#include <QList>
#include <QSet>
#include <QString>
#include <functional>
#include <map>
#include <string_view>
#include <memory>
#include <optional>

class QSqlDatabase;
class QSqlQuery;

namespace hookscope {

enum class SyncMode {
    Full, // fsync the WAL at every commit: a committed event survives power loss
    Normal, // no fsync at commit: survives a crash of Hookscope, not of the machine
};

// One SQLite connection (QtSql, WAL) to a store file, used from one thread.
// Several instances may open the same file: one writer, any number of readers.
class EventStore final
{
public:
    EventStore();
    ~EventStore();
    EventStore(const EventStore &) = delete;
    EventStore &operator=(const EventStore &) = delete;

    // Opens (creating folders and file as needed) and migrates to the current schema.
    bool open(const QString &path, QString *error, SyncMode sync = SyncMode::Full);
    // Read-only, nothing created or migrated (StoreHealth: a damaged file is never written);
    // refuses a store of another schema version.
    bool openForReading(const QString &path, QString *error);
    void close();
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] static QString defaultPath();
    // PRAGMA foreign_keys = ON on a just-opened connection (outside any transaction, where
    // SQLite ignores it): side rows go with their event by ON DELETE CASCADE only on a
    // connection that has it, so every connection Hookscope opens on a store calls this.
    // False when SQLite did not turn it on.
    [[nodiscard]] static bool enforceForeignKeys(QSqlDatabase &db);
    // Whether this connection enforces them (1 after open(): tst_storeschema).
    [[nodiscard]] bool foreignKeysEnforced() const;

    [[nodiscard]] qint64 count() const;
    [[nodiscard]] std::optional<Event> load(qint64 id) const;
    // Up to `limit` summaries with id > afterId, in id order.
    [[nodiscard]] QList<EventSummary> summaries(qint64 afterId, int limit) const;
    [[nodiscard]] QList<qint64> ids() const;
    // The timeline's counts (EventStoreTimeline.cpp, branch timeline27): up to `limit` events with
    // id > afterId, in id order, as four numbers each. holdAnswer: answered from the hold desk
    // (event_answer, not by an answer rule).
    struct TimelineRow
    {
        qint64 id = 0;
        qint64 receivedAtMs = 0;
        int responseStatus = 0;
        EventInfo::Validity validity = EventInfo::Validity::NotChecked;
        bool holdAnswer = false;
    };
    [[nodiscard]] QList<TimelineRow> timelineRows(qint64 afterId, int limit) const;
    // Events with their enrichment (nullopt when it has not run), in id order, in ONE query
    // whose rows are read one at a time: a window is never in memory whole. `visit` returns
    // false to stop. Returns the rows visited, -1 when the query failed.
    using EventVisitor = std::function<bool(const Event &event, const std::optional<EventInfo> &info)>;
    qint64 visitEvents(qint64 afterId, int limit, const EventVisitor &visit) const; // ids > afterId
    qint64 visitEvents(const QList<qint64> &ids, const EventVisitor &visit) const; // these ids
    // Why the last visitEvents() returned -1: SQLite met a damaged page (id 0: it cannot say
    // at which event), or event `id` cannot be given back as stored (a compressed body zlib
    // refuses, a body size that differs from the recorded one). SalvageReader goes on after it.
    struct ReadFailure
    {
        qint64 id = 0;
        QString reason;
    };
    [[nodiscard]] ReadFailure lastReadFailure() const { return m_readFailure; }
    // Up to `limit` ids >= fromId, in order; nullopt when SQLite cannot read them (damage).
    [[nodiscard]] std::optional<QList<qint64>> idsFrom(qint64 fromId, int limit) const;
    // The largest id ever assigned (AUTOINCREMENT's sqlite_sequence), 0 when unknown: a damaged
    // page can yield rowids beyond it, which no event ever had.
    [[nodiscard]] qint64 lastAssignedId() const;

    // Writing: call inside begin()/commit() for group commit.
    // Every write says whether it happened; a caller that cannot act on a failure reports it
    // (StoreWriter: storeFailed), it never drops it.
    [[nodiscard]] bool begin();
    [[nodiscard]] bool commit(QString *error);
    void rollback();
    [[nodiscard]] bool insert(Event &event, QString *error); // assigns event.id
    [[nodiscard]] bool setHandlingTime(qint64 id, qint64 handlingUs);
    [[nodiscard]] bool saveInfo(const EventInfo &info); // also saves its signature outcome (event_trust)
    [[nodiscard]] std::optional<EventInfo> loadInfo(qint64 id) const;
    // Forwarding results (EventStoreForward.cpp): one per event, the latest attempt.
    [[nodiscard]] bool saveForward(const ForwardRecord &record);
    [[nodiscard]] std::optional<ForwardRecord> loadForward(qint64 id) const;
    // Every event's forwarding outcome: id, status and error only (the table's App column).
    [[nodiscard]] QList<ForwardRecord> forwardOutcomes() const;
    // Delivery keys (EventStoreDelivery.cpp, issue 26): one per event, written by the writer.
    [[nodiscard]] bool saveDelivery(const DeliveryRecord &record);
    // Up to `limit` enriched events with id > afterId that have no key yet, in id order.
    [[nodiscard]] QList<qint64> idsWithoutDelivery(qint64 afterId, int limit) const;
    // Every keyed event, by key and then arrival.
    [[nodiscard]] QList<DeliveryRow> deliveryRows() const;
    // Those of `ids` that are keyed (a refresh reads only what is new or may have changed).
    [[nodiscard]] QList<DeliveryRow> deliveryRows(const QList<qint64> &ids) const;
    // How many events are keyed (-1 on error): fewer than grouped means events were deleted.
    [[nodiscard]] qint64 deliveryCount() const;
    // The answer a held hook got (event_answer); load() and summaries() already show it.
    [[nodiscard]] bool saveAnswer(const AnswerRecord &record);
    [[nodiscard]] std::optional<AnswerRecord> loadAnswer(qint64 id) const;
    // Every event with an answer record (an export asks loadAnswer() only for those).
    [[nodiscard]] QSet<qint64> answeredIds() const;
    // Events whose enrichment has not run (or did not finish) yet, oldest first.
    [[nodiscard]] QList<qint64> idsWithoutInfo() const;
    // Enrichment's catch-up (issue 25 point 3), a page at a time so a million ids never sit in
    // memory: up to `limit` ids below `beforeId` without a result, newest first; how many such
    // events there are (EventStoreRead.cpp).
    [[nodiscard]] QList<qint64> idsWithoutInfoBefore(qint64 beforeId, int limit) const;
    [[nodiscard]] qint64 countWithoutInfo() const;
    // Side rows (event_info, _trust, _answer, _import, _forward, _trailers) go with their
    // event: their id is a foreign key of events, ON DELETE CASCADE (migration 8), on every
    // connection with foreign keys on (all of Hookscope's: enforceForeignKeys).
    [[nodiscard]] bool clear(QString *error);
    [[nodiscard]] bool remove(const QList<qint64> &ids, QString *error);
    // The same in the caller's transaction (a chunk of a large delete: StoreWriter).
    [[nodiscard]] bool removeInTransaction(const QList<qint64> &ids, QString *error);

    // The search index (event_text, migration 12; EventStoreTextIndex.cpp). An insert does
    // not touch it (tokenizing costs ~0.3 us a byte, never paid before the 2xx): events with
    // ids above the watermark are its backlog, which the writer indexes between requests
    // (indexTextBacklog). A search reads the index for ids at or below the watermark and tests
    // every event above it, so it finds a new event at once. remove() takes an indexed event
    // out in the same transaction; clear() empties it.
    struct TextBacklog
    {
        qint64 after = 0; // the watermark: every event up to it is indexed (or event_text_scan)
        qint64 upTo = 0; // the newest event
        [[nodiscard]] bool isEmpty() const { return after >= upTo; }
    };
    [[nodiscard]] std::optional<TextBacklog> textBacklog() const; // nullopt: cannot read it
    // event_text_state: the watermark, and the events a chunked clear still has to delete,
    // ids in (clearAfter, clearUpTo] (none when equal): never in the index.
    struct TextState
    {
        qint64 indexedUpTo = 0;
        qint64 clearAfter = 0;
        qint64 clearUpTo = 0;
        [[nodiscard]] bool clearing() const { return clearAfter < clearUpTo; }
    };
    [[nodiscard]] std::optional<TextState> textState() const;
    // The backlog is empty: a search reads no event outside the index's candidates.
    [[nodiscard]] bool textIndexUsable() const;
    // Indexes up to `limit` events of the backlog, oldest first, in the caller's transaction,
    // and moves the watermark past them. Returns how many, -1 on failure.
    [[nodiscard]] qint64 indexTextBacklog(int limit, QString *error);
    // A clear done in chunks (StoreWriter), in the caller's transaction: empties the index
    // and marks every event stored so far for deletion (they are no longer candidates of an
    // indexed search); clearBacklogChunk() then deletes up to `limit` of them per call, oldest
    // first (returns how many, -1 on failure; fewer than `limit`: finished). Events stored
    // meanwhile are backlog as usual.
    [[nodiscard]] bool beginChunkedClear(QString *error);
    [[nodiscard]] qint64 clearBacklogChunk(int limit, QString *error);
    // A chunked clear cut short (the app quit, a write failed): the events it had not deleted
    // yet stay, and the index is built again for everything above what it deleted (the
    // writer does this at open). False when there was none or it failed (*error set then).
    [[nodiscard]] bool restoreUnfinishedClear(QString *error);

    // Passive copies WAL pages into the main file without blocking writers; Truncate also
    // waits (busy timeout) for the writer lock, copies the rest and empties the WAL file.
    enum class CheckpointMode { Passive, Truncate };
    struct WalCheckpoint
    {
        bool ran = false; // false: SQLite refused (an error, not a busy lock)
        bool complete = false; // every frame copied (Truncate: and the WAL file emptied)
        int logFrames = 0;
        int checkpointedFrames = 0;
    };
    WalCheckpoint checkpointWal(CheckpointMode mode);
    // How long this connection waits for a lock before giving up (SQLite busy_timeout).
    static constexpr int kBusyTimeoutMs = 10000;
    void setBusyTimeout(int ms);
    // Between transactions: whether a commit waits for the disk (open()'s `sync`).
    void setSyncMode(SyncMode sync);
    // The writer leaves the WAL to a separate connection: no checkpoint inside its commits,
    // and no trimming of the WAL file either (an ftruncate of hundreds of MiB stalls the
    // commit that does it); the checkpointer empties the file in a pause.
    void leaveWalToCheckpointer();
    // Caps the file at `pages` pages (SQLite max_page_count, this connection only): a write
    // that needs more fails with SQLITE_FULL, exactly as on a full disk. 0: no cap;
    // -1: the current size. Returns the cap in force.
    qint64 setMaxPageCount(qint64 pages);

    // Read-only queries for the GUI.
    // Largest id in the store (0 when empty).
    [[nodiscard]] qint64 maxId() const;
    // Ids in (afterId, upToId], in id order, of the events `filter` matches
    // (EventStoreSearch.cpp). Uncompressed bodies are matched in SQL; compressed ones
    // (>= 16 KiB) are inflated one at a time and matched by filter.matchesText().
    // *complete (when given) turns false when a damaged page stopped the search part way.
    [[nodiscard]] QList<qint64> matchingIds(const EventFilter &filter, qint64 afterId, qint64 upToId,
                                            bool *complete = nullptr) const;
    // The event table's view (issue 25): the rows of one page, ids in [firstId, lastId], as
    // summaries; the ids up to `upToId` that `filter` matches, in a column's order (by id
    // among equal keys); the kinds enrichment found (EventStoreSearch.cpp). nullopt: SQLite
    // could not read them all.
    [[nodiscard]] QList<EventSummary> summariesBetween(qint64 firstId, qint64 lastId) const;
    enum class ViewOrder { Id, ReceivedAt, Method, Target, Kind, Result, Forward, Languages, BodySize, Sender };
    [[nodiscard]] std::optional<QList<qint64>> viewIds(const EventFilter &filter, ViewOrder order, bool descending,
                                                       qint64 upToId) const;
    [[nodiscard]] QStringList kindsSeen() const;
    // A consistent copy of the whole store (WAL included) into a new file (VACUUM INTO).
    [[nodiscard]] bool copyTo(const QString &path, QString *error) const;
    // The newest event before `beforeId` of the same entity (same kind and entity id, as
    // the enrichment saw them), for the Diff tab; nullopt when there is none or either key
    // is empty.
    [[nodiscard]] std::optional<qint64> previousOfEntity(const QString &kind, const QString &entityId,
                                                         qint64 beforeId) const;

private:
    void loadTrailers(Event *event) const; // event_trailers, when the request had any
    [[nodiscard]] QSqlQuery query() const;
    // The statement prepared once on this connection under `key` (a string literal), built
    // by `sql` the first time; nullptr when SQLite refuses it. close() drops them all.
    [[nodiscard]] QSqlQuery *statement(const char *key, const std::function<QString()> &sql) const;
    qint64 visitRows(QSqlQuery &q, const EventVisitor &visit) const;
    [[nodiscard]] bool indexText(const Event &event, QString *error);
    [[nodiscard]] bool unindexText(qint64 id, QString *error);
    [[nodiscard]] bool setTextState(const TextState &state, QString *error);
    [[nodiscard]] QList<qint64> filteredIds(const EventFilter &filter, qint64 afterId, qint64 upToId,
                                            const QString &orderBy, bool *complete) const;
    [[nodiscard]] bool writeRow(const char *key, const char *table, const NamedValues &row, QString *error);
    // A side row (upsertSql): true also when its event is gone and nothing was written.
    [[nodiscard]] bool upsertRow(const char *key, const char *table, const NamedValues &row);

    QString m_connectionName;
    QString m_path;
    // Every prepared statement, and nowhere else: one release point in close(), so a reopened
    // store never runs a statement of the closed connection.
    mutable std::map<std::string_view, std::unique_ptr<QSqlQuery>> m_statements;
    mutable ReadFailure m_readFailure; // of the last visitEvents(); reads are const
};

} // namespace hookscope
