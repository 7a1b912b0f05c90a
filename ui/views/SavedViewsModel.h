#pragma once

#include "query/SavedViewSet.h"

#include <QAbstractListModel>

namespace hookscope {

// The saved views in the user's order, with each view's count of matching events (ViewCounter
// sets it) and the problem of a view whose query does not parse. Renaming (EditRole),
// removing and moving rows are the user's edits: each emits edited() so the list is saved.
class SavedViewsModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        CountRole = Qt::UserRole + 1, // qint64; -1 while unknown
        ErrorRole, // QString: why the query does not parse; empty: it does
        QueryRole,
        VendorRole, // the pack of a shipped example; empty: the user's own
    };

    explicit SavedViewsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    // Replaces the list (loading): no edited().
    void setViews(const QList<SavedView> &views);
    [[nodiscard]] const QList<SavedView> &views() const { return m_views; }
    // Appends `view`, or replaces the one of the same name; returns its row.
    int put(const SavedView &view);
    [[nodiscard]] int rowOf(const QString &name) const;
    void setCount(int row, qint64 count);
    void setError(int row, const QString &error);

Q_SIGNALS:
    void edited(); // renamed, added, removed or moved by the user

private:
    struct Row
    {
        qint64 count = -1;
        QString error;
    };
    QList<SavedView> m_views;
    QList<Row> m_rows; // beside m_views, same order
};

} // namespace hookscope
