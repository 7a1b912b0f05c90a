#pragma once

#include "hold/HoldPolicy.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace hookscope {

// The hold settings as a table: one row per request kind — hold it (checkbox) or answer at
// once, its deadline in seconds and the preset sent at the deadline.
class HoldPolicyModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KindColumn, HoldColumn, DeadlineColumn, DefaultColumn, ColumnCount };

    explicit HoldPolicyModel(QObject *parent = nullptr);

    // `kinds`: the request kinds to list (kinds the policy configures are added).
    void setPolicy(const HoldPolicy &policy, const QStringList &kinds);
    [[nodiscard]] const HoldPolicy &policy() const { return m_policy; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

private:
    HoldPolicy m_policy;
    QStringList m_kinds;
};

} // namespace hookscope
