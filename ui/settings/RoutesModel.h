#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace hookscope {

// The user's routes, request path -> kind id, as an editable two-column table. Rows keep the
// order they were added in; problem() names the first row that cannot be saved.
class RoutesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PathColumn, KindColumn, ColumnCount };

    explicit RoutesModel(QObject *parent = nullptr);

    void setKindIds(const QStringList &ids) { m_kindIds = ids; }
    [[nodiscard]] const QStringList &kindIds() const { return m_kindIds; }

    void setRoutes(const QHash<QString, QString> &routes);
    [[nodiscard]] QHash<QString, QString> routes() const;
    // Appends an empty row (to be edited) and returns its row number.
    int appendRoute(const QString &path = QString(), const QString &kind = QString());
    void removeRoute(int row);
    // "" when every row is a valid route to a known kind and no path is given twice.
    [[nodiscard]] QString problem() const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

private:
    struct Route
    {
        QString path;
        QString kind;
    };
    QList<Route> m_routes;
    QStringList m_kindIds;
};

} // namespace hookscope
