#pragma once

#include "event/AnswerRecord.h"
#include "store/EventStore.h"
#include "store/ForwardRecord.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>
#include <deque>
#include <optional>

class QTimer;

namespace hookscope {

// What the result column means; the view picks colours (Theme), the model only classifies.
enum class ResultClass { None, Success, Redirect, ClientError, ServerError };

// The event table: one row per stored event, in id order. It holds every row's id (8 bytes)
// and the summaries of a few pages only: once a store is attached (setStore, the GUI's read
// connection), a row's summary is read on demand with its page (kPageRows rows, one
// primary-key range read) and at most kCachedRows summaries stay in memory, so memory does
// not grow with the store (issue 25). Without a store every row it was given stays.
// Appends arrive in batches: enqueue() coalesces for up to 50 ms and flush() inserts
// the whole batch with ONE beginInsertRows. Ids only ever grow, so a batch drops
// ids already present (history loading and live events may overlap).
// Enrichment results (kind, validity) arrive later through applyInfos(), which emits one
// dataChanged per contiguous run of rows, for the kind, result and languages columns only.
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, TimeColumn, MethodColumn, TargetColumn, KindColumn, ResultColumn, ForwardColumn,
                  LanguagesColumn, BodySizeColumn, SenderColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        SortKeyRole,
        ResultClassRole,
        MethodRole,
        ValidityRole, // int(EventInfo::Validity)
        ViolationCountRole,
        KindRole, // kind id; empty when unknown or not checked yet
        MissingTranslationsRole, // int: (field, language) cells missing in the body's translations
        HoldStateRole, // int(HoldState): a held hook waiting for its answer, or answered after holding
        ForwardStatusRole, // int: what the local app answered when forwarded; -1: no answer; 0: not forwarded
    };
    enum class HoldState { None, Waiting, Answered };

    explicit EventTableModel(QObject *parent = nullptr);
    ~EventTableModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Coalesced: rows show up at the next flush (at most 50 ms later).
    void enqueue(const QList<EventSummary> &rows);
    // Inserts what is queued now, as one batch. No-op while held.
    void flush();
    // While held (the history is loading), queued rows wait; release() flushes them.
    void hold();
    void release();
    // Appends immediately as one batch (history chunks).
    void append(const QList<EventSummary> &rows);
    // The store's rows: summaries are read from `store` (not owned; open while attached) on
    // demand; `ids` (in id order) become rows at once, as one batch after the present rows.
    void setStore(const EventStore *store);
    void appendIds(const QList<qint64> &ids);
    // Kinds the store knows (its history): listed by kinds() like those seen since.
    void addKinds(const QStringList &kinds);
    // What enrichment said of `id` lately (it may not be committed yet), if it said anything.
    [[nodiscard]] const EventInfo *recentInfo(qint64 id) const;
    [[nodiscard]] qsizetype cachedRowCount() const { return m_cache.size(); }
    static constexpr int kPageRows = 200;
    static constexpr int kCachedRows = 4 * 1024;
    void removeIds(const QList<qint64> &ids);
    void clear();
    // Updates rows by id (queued and not-yet-loaded rows too); violation details are not kept.
    void applyInfos(const QList<EventInfo> &infos);
    // Held hooks (EventTableModelHold.cpp): a waiting row counts down to its deadline in the
    // result column; an answered one shows the status sent and who decided it.
    void setWaiting(qint64 id, qint64 deadlineAtMs);
    // `answerTitle` names the answer ("Cancel", "custom"); `answerInvalid`: it broke the
    // kind's response schema (sent with "Send anyway", or a local app's bad answer).
    void setAnswered(const AnswerRecord &record, const QString &answerTitle = {}, bool answerInvalid = false);
    [[nodiscard]] bool isWaiting(qint64 id) const { return m_waiting.contains(id); }
    // Forwarding (EventTableModelForward.cpp): the local app's status ("→ 500") in its own
    // column; `status` 0 with an error when it could not be reached. Rows that come later
    // (history, a batch not flushed yet) show it too.
    void setForwarded(qint64 id, int status, const QString &error);
    void setForwardedMany(const QList<ForwardRecord> &records);
    [[nodiscard]] bool hasForwards() const { return !m_forwards.isEmpty(); }
    // Every kind id seen so far, sorted.
    [[nodiscard]] QStringList kinds() const { return m_kinds; }

    [[nodiscard]] qint64 idAt(int row) const;
    [[nodiscard]] int rowOf(qint64 id) const; // -1 when absent
    [[nodiscard]] qint64 lastId() const { return m_ids.empty() ? 0 : m_ids.back(); }
    [[nodiscard]] qsizetype pendingCount() const { return m_pending.size(); }

    [[nodiscard]] static ResultClass classify(int status);

Q_SIGNALS:
    void kindsChanged();
    void firstForwardSeen(); // the forward column has something to show

private:
    void noteKind(const QString &kind, bool *added);
    void takeLateInfo(EventSummary &row);
    [[nodiscard]] QVariant display(const EventSummary &row, int column) const;
    [[nodiscard]] std::optional<QVariant> holdData(const EventSummary &row, int column, int role) const;
    [[nodiscard]] QVariant forwardData(qint64 id, int role) const;
    void tickCountdown();
    [[nodiscard]] static QVariant sortKey(const EventSummary &row, int column);
    // The summary of `row`, read with its page when not in memory.
    [[nodiscard]] const EventSummary &rowAt(int row) const;
    void loadPage(int row) const;
    void remember(EventSummary row) const;
    void noteInfo(const EventInfo &info);

    QList<qint64> m_ids; // every row's id, ascending
    mutable QHash<qint64, EventSummary> m_cache; // summaries in memory (all of them without a store)
    mutable std::deque<qint64> m_cacheOrder; // oldest first: what goes when the cache is full
    const EventStore *m_store = nullptr; // not owned
    QHash<qint64, EventInfo> m_recentInfos; // enrichment results lately, maybe not committed yet
    std::deque<qint64> m_recentOrder;
    QList<EventSummary> m_pending;
    QHash<qint64, EventInfo> m_lateInfos; // results for ids above lastId() that are not rows yet
    QStringList m_kinds;
    QTimer *m_flushTimer;
    bool m_held = false;
    QHash<qint64, qint64> m_waiting; // event id → deadline (UTC ms)
    QHash<qint64, AnswerRecord> m_answers; // answered after holding, or by --respond
    QHash<qint64, std::pair<QString, bool>> m_answerMarks; // id → answer title, answer invalid
    QTimer *m_countdown = nullptr; // runs while something waits
    struct ForwardMark
    {
        int status = 0; // 0: no answer
        QString error;
    };
    QHash<qint64, ForwardMark> m_forwards; // event id → what the local app answered
};

} // namespace hookscope
