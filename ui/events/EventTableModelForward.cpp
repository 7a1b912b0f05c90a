// EventTableModel: what the local app answered when an event was forwarded (issue 24 point 7),
// kept apart from the table's core like the held-hook part.
#include "EventTableModel.h"

#include "EventRowText.h"

namespace hookscope {

void EventTableModel::setForwarded(qint64 id, int status, const QString &error)
{
    const bool first = m_forwards.isEmpty();
    m_forwards.insert(id, {status, error});
    if (const int row = rowOf(id); row >= 0)
        Q_EMIT dataChanged(index(row, ForwardColumn), index(row, ForwardColumn));
    if (first)
        Q_EMIT firstForwardSeen();
}

void EventTableModel::setForwardedMany(const QList<ForwardRecord> &records)
{
    if (records.isEmpty())
        return;
    const bool first = m_forwards.isEmpty();
    for (const ForwardRecord &r : records)
        m_forwards.insert(r.id, {r.status, r.error});
    if (!m_ids.empty()) // one signal for the column: history loads bring thousands at once
        Q_EMIT dataChanged(index(0, ForwardColumn), index(int(m_ids.size()) - 1, ForwardColumn));
    if (first)
        Q_EMIT firstForwardSeen();
}

QVariant EventTableModel::forwardData(qint64 id, int role) const
{
    const auto it = m_forwards.constFind(id);
    if (it == m_forwards.cend())
        return role == ForwardStatusRole ? QVariant(0) : QVariant();
    const bool answered = it->status > 0;
    switch (role) {
    case ForwardStatusRole:
        return answered ? it->status : -1;
    case ResultClassRole:
        return int(answered ? classify(it->status) : ResultClass::ServerError);
    case Qt::DisplayRole:
        return answered ? QStringLiteral("→ %1").arg(it->status) : tr("→ failed");
    case Qt::ToolTipRole:
        return answered ? tr("Forwarded to your app, which answered %1").arg(EventRowText::status(it->status))
                        : tr("Forwarded to your app, which could not be reached: %1").arg(it->error);
    default:
        return {};
    }
}

} // namespace hookscope
