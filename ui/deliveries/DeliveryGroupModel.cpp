#include "DeliveryGroupModel.h"

#include <QDateTime>
#include <QLocale>

namespace hookscope {

namespace {

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace

DeliveryGroupModel::DeliveryGroupModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void DeliveryGroupModel::setGroups(QList<DeliveryGroup> groups)
{
    beginResetModel();
    m_groups = std::move(groups);
    endResetModel();
}

const DeliveryGroup *DeliveryGroupModel::groupAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const int row = index.internalId() == kGroupLevel ? index.row() : int(index.internalId() - 1);
    return row >= 0 && row < m_groups.size() ? &m_groups[row] : nullptr;
}

QModelIndex DeliveryGroupModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kGroupLevel);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex DeliveryGroupModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupLevel);
}

int DeliveryGroupModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != kGroupLevel)
        return 0; // attempts have no children
    return int(m_groups[parent.row()].attempts.size());
}

int DeliveryGroupModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DeliveryGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key: return tr("Delivery");
    case Attempts: return tr("Attempts");
    case FirstSeen: return tr("First seen");
    case Intervals: return tr("Intervals");
    case Answers: return tr("Answers");
    case Flags: return tr("Flags");
    default: return {};
    }
}

QVariant DeliveryGroupModel::data(const QModelIndex &index, int role) const
{
    const DeliveryGroup *group = groupAt(index);
    if (!group)
        return {};
    if (role == GroupRole)
        return index.internalId() == kGroupLevel ? index.row() : int(index.internalId() - 1);
    if (index.internalId() == kGroupLevel)
        return groupData(*group, index.column(), role);
    return attemptData(*group, index.row(), index.column(), role);
}

QVariant DeliveryGroupModel::groupData(const DeliveryGroup &group, int column, int role) const
{
    switch (role) {
    case EventIdRole: return group.attempts.isEmpty() ? QVariant() : QVariant(group.attempts.constFirst().id);
    case OutOfOrderRole: return group.outOfOrder;
    case DuplicateRole: return group.duplicates() > 0;
    case Qt::ToolTipRole:
        if (column == Flags && group.outOfOrder)
            return tr("Version %1 arrived after version %2 of the same entity").arg(group.version, group.newerVersion);
        if (column == Key)
            return group.key;
        return {};
    case SortKeyRole:
        switch (column) {
        case Attempts: return int(group.attempts.size());
        case FirstSeen: return group.firstSeenMs();
        default: break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    QStringList parts;
    switch (column) {
    case Key: return keyText(group);
    case Attempts: return int(group.attempts.size());
    case FirstSeen: return timeText(group.firstSeenMs());
    case Intervals:
        for (const DeliveryAttempt &a : group.attempts) {
            if (a.intervalMs >= 0)
                parts.append(intervalText(a.intervalMs));
        }
        return parts.join(QStringLiteral(", "));
    case Answers:
        for (const DeliveryAttempt &a : group.attempts)
            parts.append(answerText(a.status));
        return parts.join(QStringLiteral(", "));
    case Flags:
        if (const int dup = group.duplicates(); dup > 0)
            parts.append(counted(dup, tr("%1 duplicate after 2xx"), tr("%1 duplicates after 2xx")));
        if (group.outOfOrder)
            parts.append(tr("out of order"));
        if (group.byBody && group.attempts.size() > 1)
            parts.append(tr("identical bodies"));
        return parts.join(QStringLiteral(" · "));
    default: return {};
    }
}

QVariant DeliveryGroupModel::attemptData(const DeliveryGroup &group, int row, int column, int role) const
{
    if (row < 0 || row >= group.attempts.size())
        return {};
    const DeliveryAttempt &a = group.attempts[row];
    switch (role) {
    case EventIdRole: return a.id;
    case DuplicateRole: return a.duplicate;
    case OutOfOrderRole: return false;
    case SortKeyRole:
        if (column == FirstSeen)
            return a.receivedAtMs;
        if (column == Intervals)
            return a.intervalMs;
        [[fallthrough]];
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case Key: return tr("attempt %1 (#%2)").arg(row + 1).arg(a.id);
    case FirstSeen: // the day is on the delivery's row
        return QDateTime::fromMSecsSinceEpoch(a.receivedAtMs).toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case Intervals: return a.intervalMs < 0 ? QString() : intervalText(a.intervalMs);
    case Answers: return answerText(a.status);
    case Flags: return a.duplicate ? tr("duplicate: a 2xx answered an earlier attempt") : QString();
    default: return {};
    }
}

QString DeliveryGroupModel::intervalText(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("+%1 ms").arg(ms);
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return QStringLiteral("+%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("+%1 min %2 s").arg(s / 60).arg(s % 60) : QStringLiteral("+%1 min").arg(s / 60);
    const qint64 m = (s + 30) / 60;
    return m % 60 ? QStringLiteral("+%1 h %2 min").arg(m / 60).arg(m % 60) : QStringLiteral("+%1 h").arg(m / 60);
}

QString DeliveryGroupModel::counted(qsizetype n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(n);
}

QString DeliveryGroupModel::answerText(int status)
{
    return status == 0 ? tr("held") : QString::number(status);
}

QString DeliveryGroupModel::keyText(const DeliveryGroup &group)
{
    if (!group.byBody)
        return group.key;
    // "kind · body POST /path <64 hex>": the hash's first 12 digits tell bodies apart.
    const qsizetype hash = group.key.lastIndexOf(u' ');
    return hash > 0 ? group.key.left(hash) + QStringLiteral(" ≡ ") + group.key.mid(hash + 1, 12) : group.key;
}

} // namespace hookscope
