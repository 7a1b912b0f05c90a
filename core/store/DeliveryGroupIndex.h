#pragma once

#include "DeliveryGroup.h"
#include "DeliveryGrouper.h"
#include "DeliveryRecord.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <utility>

namespace hookscope {

// Deliveries grouped incrementally (issue 26): holds the groups of every row added so far, and
// regroups only the keys (and the out-of-order flags of only the entities) that new rows touch,
// so a live refresh costs what arrived, not the whole store. groups() is, at every moment,
// exactly what DeliveryGrouper::group() returns for all the rows added (tst_deliverygroupindex).
class DeliveryGroupIndex final
{
public:
    explicit DeliveryGroupIndex(qint64 bodyWindowMs = DeliveryGrouper::kDefaultBodyWindowMs);

    void clear();
    // Rows of new events join their key's groups; a row whose id was added before replaces it
    // (its answer came after it was grouped).
    void add(const QList<DeliveryRow> &rows);

    // Every group, by first attempt (implicitly shared: a copy costs nothing until the next add).
    [[nodiscard]] const QList<DeliveryGroup> &groups() const { return m_groups; }
    [[nodiscard]] qsizetype rowCount() const { return m_keyOfId.size(); }
    // Attempts without an answer yet (status 0), newest first, at most `limit`: the ones whose
    // status a refresh reads again.
    [[nodiscard]] QList<qint64> unanswered(qsizetype limit) const;

private:
    using Order = std::pair<qint64, qint64>; // first attempt's time and id: a group's place
    static constexpr qsizetype kRebuildAbove = 512; // keys touched by one add()

    [[nodiscard]] static Order orderOf(const DeliveryGroup &group);
    [[nodiscard]] qsizetype positionOf(const Order &order) const;
    void removeRow(qint64 id, QSet<QString> *touched);
    void rebuild();
    // Regroups `key` from its rows; notes the entities whose out-of-order flags may change.
    void regroup(const QString &key, QSet<QString> *entities);
    void reflag(const QString &entity);

    qint64 m_bodyWindowMs;
    QHash<qint64, QString> m_keyOfId;
    QHash<QString, QList<DeliveryRow>> m_rows; // per key, by time then id
    QHash<QString, QList<Order>> m_ordersOfKey; // where each key's groups sit in m_groups
    QHash<QString, QSet<QString>> m_keysOfEntity; // may name keys that left it: checked on use
    QSet<qint64> m_unanswered;
    QList<DeliveryGroup> m_groups; // sorted by Order
};

} // namespace hookscope
