#include "RoutesModel.h"

#include "app/AppSettings.h"

#include <QSet>

namespace hookscope {

RoutesModel::RoutesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RoutesModel::setRoutes(const QHash<QString, QString> &routes)
{
    beginResetModel();
    m_routes.clear();
    QStringList paths = routes.keys();
    paths.sort();
    for (const QString &path : paths)
        m_routes.append({path, routes.value(path)});
    endResetModel();
}

QHash<QString, QString> RoutesModel::routes() const
{
    QHash<QString, QString> out;
    for (const Route &r : m_routes)
        out.insert(r.path.trimmed(), r.kind.trimmed());
    return out;
}

int RoutesModel::appendRoute(const QString &path, const QString &kind)
{
    const int row = int(m_routes.size());
    beginInsertRows({}, row, row);
    m_routes.append({path, kind});
    endInsertRows();
    return row;
}

void RoutesModel::removeRoute(int row)
{
    if (row < 0 || row >= m_routes.size())
        return;
    beginRemoveRows({}, row, row);
    m_routes.removeAt(row);
    endRemoveRows();
}

QString RoutesModel::problem() const
{
    QSet<QString> seen;
    for (int i = 0; i < m_routes.size(); ++i) {
        const QString path = m_routes.at(i).path.trimmed();
        const QString kind = m_routes.at(i).kind.trimmed();
        if (const QString reason = AppSettings::checkRoutePath(path); !reason.isEmpty())
            return tr("Route %1: %2").arg(i + 1).arg(reason);
        if (seen.contains(path))
            return tr("Route %1: %2 is routed twice.").arg(i + 1).arg(path);
        seen.insert(path);
        if (kind.isEmpty())
            return tr("Route %1: choose the kind for %2.").arg(i + 1).arg(path);
        if (!m_kindIds.isEmpty() && !m_kindIds.contains(kind))
            return tr("Route %1: there is no kind '%2'.").arg(i + 1).arg(kind);
    }
    return {};
}

int RoutesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_routes.size());
}

int RoutesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoutesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const Route &r = m_routes.at(index.row());
    return index.column() == PathColumn ? r.path : r.kind;
}

QVariant RoutesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Request path");
    case KindColumn:
        return tr("Kind");
    default:
        return {};
    }
}

Qt::ItemFlags RoutesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

bool RoutesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Route &r = m_routes[index.row()];
    QString &cell = index.column() == PathColumn ? r.path : r.kind;
    const QString text = value.toString().trimmed();
    if (cell == text)
        return true;
    cell = text;
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    return true;
}

} // namespace hookscope
