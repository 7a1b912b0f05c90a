#include "HoldPolicyModel.h"

namespace hookscope {

HoldPolicyModel::HoldPolicyModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HoldPolicyModel::setPolicy(const HoldPolicy &policy, const QStringList &kinds)
{
    beginResetModel();
    m_policy = policy;
    m_kinds = kinds;
    for (const QString &kind : policy.configuredKinds()) {
        if (!m_kinds.contains(kind))
            m_kinds.append(kind);
    }
    m_kinds.sort();
    endResetModel();
}

int HoldPolicyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_kinds.size());
}

int HoldPolicyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HoldPolicyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &kind = m_kinds.at(index.row());
    const HoldRule rule = m_policy.rule(kind);
    switch (Column(index.column())) {
    case KindColumn:
        if (role == Qt::ToolTipRole && kind == HoldPolicy::unknownKind())
            return tr("Requests no kind matches (shown as \"unknown\" in the table); hold them to play a slow server");
        return role == Qt::DisplayRole ? QVariant(kind) : QVariant();
    case HoldColumn:
        if (role == Qt::CheckStateRole)
            return int(rule.hold ? Qt::Checked : Qt::Unchecked);
        if (role == Qt::DisplayRole)
            return rule.hold ? tr("hold") : tr("answer at once");
        return {};
    case DeadlineColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return double(rule.deadlineMs) / 1000.0;
        return {};
    case DefaultColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return rule.defaultPreset;
        return {};
    case ColumnCount:
        break;
    }
    return {};
}

QVariant HoldPolicyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case KindColumn:
        return tr("Kind");
    case HoldColumn:
        return tr("When it arrives");
    case DeadlineColumn:
        return tr("Deadline (s)");
    case DefaultColumn:
        return tr("Default answer (preset)");
    case ColumnCount:
        break;
    }
    return {};
}

Qt::ItemFlags HoldPolicyModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == HoldColumn)
        f |= Qt::ItemIsUserCheckable;
    if (index.column() == DeadlineColumn || index.column() == DefaultColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool HoldPolicyModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString &kind = m_kinds.at(index.row());
    HoldRule rule = m_policy.rule(kind);
    if (index.column() == HoldColumn && role == Qt::CheckStateRole) {
        rule.hold = value.toInt() == Qt::Checked;
    } else if (index.column() == DeadlineColumn && role == Qt::EditRole) {
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        if (!ok || seconds < 0 || seconds > 3600)
            return false;
        rule.deadlineMs = int(seconds * 1000);
    } else if (index.column() == DefaultColumn && role == Qt::EditRole) {
        rule.defaultPreset = value.toString().trimmed();
    } else {
        return false;
    }
    m_policy.setRule(kind, rule);
    Q_EMIT dataChanged(index.siblingAtColumn(HoldColumn), index.siblingAtColumn(DefaultColumn));
    return true;
}

} // namespace hookscope
