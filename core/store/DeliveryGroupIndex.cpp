#include "DeliveryGroupIndex.h"

#include <algorithm>

namespace hookscope {

namespace {
bool rowBefore(const DeliveryRow &x, const DeliveryRow &y)
{
    return x.receivedAtMs != y.receivedAtMs ? x.receivedAtMs < y.receivedAtMs : x.id < y.id;
}
} // namespace

DeliveryGroupIndex::DeliveryGroupIndex(qint64 bodyWindowMs)
    : m_bodyWindowMs(bodyWindowMs)
{
}

void DeliveryGroupIndex::clear()
{
    m_keyOfId.clear();
    m_rows.clear();
    m_ordersOfKey.clear();
    m_keysOfEntity.clear();
    m_unanswered.clear();
    m_groups.clear();
}

DeliveryGroupIndex::Order DeliveryGroupIndex::orderOf(const DeliveryGroup &group)
{
    return {group.firstSeenMs(), group.attempts.constFirst().id};
}

qsizetype DeliveryGroupIndex::positionOf(const Order &order) const
{
    const auto at = std::lower_bound(m_groups.cbegin(), m_groups.cend(), order,
                                     [](const DeliveryGroup &group, const Order &o) { return orderOf(group) < o; });
    return at - m_groups.cbegin();
}

void DeliveryGroupIndex::removeRow(qint64 id, QSet<QString> *touched)
{
    const QString key = m_keyOfId.take(id);
    const auto rows = m_rows.find(key);
    if (rows == m_rows.end())
        return;
    rows->removeIf([id](const DeliveryRow &row) { return row.id == id; });
    touched->insert(key);
}

void DeliveryGroupIndex::add(const QList<DeliveryRow> &rows)
{
    QSet<QString> touched;
    for (const DeliveryRow &row : rows) {
        if (m_keyOfId.contains(row.id))
            removeRow(row.id, &touched);
        m_keyOfId.insert(row.id, row.key);
        QList<DeliveryRow> &ofKey = m_rows[row.key];
        // New events are the newest almost always: the search ends at once, the insert appends.
        if (ofKey.isEmpty() || rowBefore(ofKey.constLast(), row))
            ofKey.append(row);
        else
            ofKey.insert(std::upper_bound(ofKey.cbegin(), ofKey.cend(), row, rowBefore) - ofKey.cbegin(), row);
        if (row.status == 0)
            m_unanswered.insert(row.id);
        else
            m_unanswered.remove(row.id);
        touched.insert(row.key);
    }
    // Many keys at once (the first load, an import): placing each group by itself would move
    // the list's tail once per group; grouping all and sorting once is cheaper.
    if (touched.size() > kRebuildAbove) {
        rebuild();
        return;
    }
    QSet<QString> entities;
    for (const QString &key : std::as_const(touched))
        regroup(key, &entities);
    for (const QString &entity : std::as_const(entities))
        reflag(entity);
}

void DeliveryGroupIndex::rebuild()
{
    m_groups.clear();
    m_ordersOfKey.clear();
    m_keysOfEntity.clear();
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        if (it->isEmpty()) {
            it = m_rows.erase(it);
            continue;
        }
        const QList<DeliveryGroup> groups = DeliveryGrouper::groupsOfKey(*it, m_bodyWindowMs);
        QList<Order> orders;
        orders.reserve(groups.size());
        for (const DeliveryGroup &group : groups) {
            orders.append(orderOf(group));
            if (const QString entity = DeliveryGrouper::entityOf(group); !entity.isEmpty())
                m_keysOfEntity[entity].insert(it.key());
        }
        m_ordersOfKey.insert(it.key(), orders);
        m_groups += groups;
        ++it;
    }
    std::sort(m_groups.begin(), m_groups.end(), &DeliveryGrouper::arrivedBefore);
    QList<DeliveryGroup *> all;
    all.reserve(m_groups.size());
    for (DeliveryGroup &group : m_groups)
        all.append(&group);
    DeliveryGrouper::flagOutOfOrder(all);
}

void DeliveryGroupIndex::regroup(const QString &key, QSet<QString> *entities)
{
    const QList<Order> old = m_ordersOfKey.take(key);
    for (const Order &order : old) {
        const qsizetype at = positionOf(order);
        if (at == m_groups.size())
            continue;
        if (const QString entity = DeliveryGrouper::entityOf(m_groups.at(at)); !entity.isEmpty())
            entities->insert(entity);
    }
    const auto rows = m_rows.constFind(key);
    QList<DeliveryGroup> fresh;
    if (rows != m_rows.cend() && !rows->isEmpty())
        fresh = DeliveryGrouper::groupsOfKey(*rows, m_bodyWindowMs);
    else
        m_rows.remove(key);
    QList<Order> orders;
    orders.reserve(fresh.size());
    for (DeliveryGroup &group : fresh) {
        const Order order = orderOf(group);
        orders.append(order);
        if (const QString entity = DeliveryGrouper::entityOf(group); !entity.isEmpty()) {
            entities->insert(entity);
            m_keysOfEntity[entity].insert(key);
        }
        // A group that keeps its first attempt is replaced where it is (a retry joining an old
        // delivery); a new one goes to its place, the end for a new event.
        const qsizetype at = positionOf(order);
        if (at < m_groups.size() && orderOf(m_groups.at(at)) == order)
            m_groups[at] = std::move(group);
        else
            m_groups.insert(at, std::move(group));
    }
    for (const Order &order : old) {
        if (orders.contains(order))
            continue;
        // (Guarded by the key: a row that moved to another key may have lent its place to it.)
        const qsizetype at = positionOf(order);
        if (at < m_groups.size() && orderOf(m_groups.at(at)) == order && m_groups.at(at).key == key)
            m_groups.removeAt(at);
    }
    if (!orders.isEmpty())
        m_ordersOfKey.insert(key, orders);
}

void DeliveryGroupIndex::reflag(const QString &entity)
{
    QList<qsizetype> positions;
    const QSet<QString> keys = m_keysOfEntity.value(entity);
    QSet<QString> still;
    for (const QString &key : keys) {
        for (const Order &order : m_ordersOfKey.value(key)) {
            const qsizetype at = positionOf(order);
            if (at < m_groups.size() && DeliveryGrouper::entityOf(m_groups.at(at)) == entity) {
                positions.append(at);
                still.insert(key);
            }
        }
    }
    if (still.isEmpty())
        m_keysOfEntity.remove(entity);
    else if (still.size() != keys.size())
        m_keysOfEntity.insert(entity, still);
    std::sort(positions.begin(), positions.end()); // m_groups is in arrival order
    QList<DeliveryGroup *> groups;
    groups.reserve(positions.size());
    for (const qsizetype at : std::as_const(positions))
        groups.append(&m_groups[at]);
    DeliveryGrouper::flagOutOfOrder(groups);
}

QList<qint64> DeliveryGroupIndex::unanswered(qsizetype limit) const
{
    QList<qint64> ids(m_unanswered.cbegin(), m_unanswered.cend());
    std::sort(ids.begin(), ids.end(), std::greater<>());
    if (ids.size() > limit)
        ids.resize(limit);
    return ids;
}

} // namespace hookscope
