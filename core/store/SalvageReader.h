#pragma once

#include "EventStore.h"

#include <QString>
#include <algorithm>
#include <functional>
#include <limits>

namespace hookscope {

// Events that cannot be read as stored: one event, or a range of ids when a damaged page
// hides which ids were there.
struct UnreadableEvents
{
    static constexpr qint64 kToTheEnd = std::numeric_limits<qint64>::max();

    qint64 firstId = 0;
    qint64 lastId = 0; // == firstId for one event; kToTheEnd: every later id too
    QString reason;
    bool partly = false; // the event was read without a damaged part (its inspection result)

    [[nodiscard]] bool isRange() const { return lastId != firstId; }
    // "event #12: its compressed body cannot be decompressed", "events #12 to #40: …".
    [[nodiscard]] QString describe() const;
};

// Reads a store that may be damaged. EventStore::visitEvents() stops at the first page SQLite
// calls malformed (or the first body zlib refuses); this goes on after it: every event that
// can be read is visited, in id order, and every one that cannot is reported to `onDamage`:
// by id (the ids of a damaged page are tried one by one: a seek by id still finds its sound
// cells), or as the range of ids when more than 20,000 of them lie under damaged pages.
// Readable stores cost what visitEvents() costs: only what fails is read again.
class SalvageReader final
{
public:
    using DamageVisitor = std::function<void(const UnreadableEvents &damage)>;

    SalvageReader(const EventStore *store, DamageVisitor onDamage); // store not owned

    // Events read by one query (one read transaction, 2,000 by default): a check beside a
    // capturing writer keeps it short, so the WAL can be checkpointed between windows.
    void setWindow(int events) { m_window = std::max(1, events); }
    // Every event with id > afterId. False when `visit` stopped the walk.
    bool visitAll(qint64 afterId, const EventStore::EventVisitor &visit);
    // These ids (sorted, unique); ids not in the store are skipped. False when `visit` stopped.
    bool visitIds(const QList<qint64> &ids, const EventStore::EventVisitor &visit);

private:
    // Hands an event on; an inspection result that is not what the enrichment wrote (its
    // violations not a JSON array) is left out and reported as partly damaged.
    bool deliver(const Event &event, std::optional<EventInfo> info, const EventStore::EventVisitor &visit);
    // The smallest id >= from at which SQLite can list ids again; 0 when there is none.
    [[nodiscard]] qint64 firstListableFrom(qint64 from) const;
    // EventStore::idsFrom(from, 1), nullopt also when it gives an id no event ever had.
    [[nodiscard]] std::optional<QList<qint64>> nextId(qint64 from) const;
    void report(qint64 firstId, qint64 lastId, const QString &reason);

    const EventStore *m_store; // not owned
    DamageVisitor m_onDamage;
    qint64 m_lastId = UnreadableEvents::kToTheEnd; // ids beyond were read from garbage
    int m_window = 2000;
};

} // namespace hookscope
