#include "SavedViewsModel.h"

namespace hookscope {

SavedViewsModel::SavedViewsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int SavedViewsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_views.size());
}

QVariant SavedViewsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SavedView &view = m_views.at(index.row());
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return view.name;
    case Qt::ToolTipRole:
        // Plain text (the delegate shows it through PlainToolTip): a hand-edited file may hold markup.
        return row.error.isEmpty() ? view.query : tr("%1\n✕ %2").arg(view.query, row.error);
    case Qt::AccessibleDescriptionRole:
        return row.error.isEmpty() ? (row.count < 0 ? tr("counting") : tr("%L1 events").arg(row.count))
                                   : tr("query error: %1").arg(row.error);
    case CountRole:
        return row.count;
    case ErrorRole:
        return row.error;
    case QueryRole:
        return view.query;
    case VendorRole:
        return view.vendor;
    default:
        return {};
    }
}

bool SavedViewsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString name = value.toString().trimmed().left(SavedViewSet::kMaxNameLength);
    if (name.isEmpty() || name == m_views.at(index.row()).name)
        return false;
    if (const int other = rowOf(name); other >= 0 && other != index.row())
        return false; // two views of one name could not be told apart in the menu
    m_views[index.row()].name = name;
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags SavedViewsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

bool SavedViewsModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                               const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0
        || sourceRow >= rowCount() || destinationChild < 0 || destinationChild > rowCount()
        || destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return false;
    if (!beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild))
        return false;
    const int to = destinationChild > sourceRow ? destinationChild - 1 : destinationChild;
    m_views.move(sourceRow, to);
    m_rows.move(sourceRow, to);
    endMoveRows();
    Q_EMIT edited();
    return true;
}

bool SavedViewsModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count < 1 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_views.remove(row, count);
    m_rows.remove(row, count);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

void SavedViewsModel::setViews(const QList<SavedView> &views)
{
    beginResetModel();
    m_views = views;
    m_rows = QList<Row>(views.size());
    endResetModel();
}

int SavedViewsModel::put(const SavedView &view)
{
    if (const int row = rowOf(view.name); row >= 0) {
        m_views[row] = view;
        m_rows[row] = {};
        Q_EMIT dataChanged(index(row), index(row));
        Q_EMIT edited();
        return row;
    }
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_views.append(view);
    m_rows.append(Row{});
    endInsertRows();
    Q_EMIT edited();
    return row;
}

int SavedViewsModel::rowOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_views.size(); ++i) {
        if (m_views.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return int(i);
    }
    return -1;
}

void SavedViewsModel::setCount(int row, qint64 count)
{
    if (row < 0 || row >= rowCount() || m_rows.at(row).count == count)
        return;
    m_rows[row].count = count;
    Q_EMIT dataChanged(index(row), index(row), {CountRole, Qt::AccessibleDescriptionRole});
}

void SavedViewsModel::setError(int row, const QString &error)
{
    if (row < 0 || row >= rowCount() || m_rows.at(row).error == error)
        return;
    m_rows[row].error = error;
    Q_EMIT dataChanged(index(row), index(row), {ErrorRole, Qt::ToolTipRole, Qt::AccessibleDescriptionRole});
}

} // namespace hookscope
