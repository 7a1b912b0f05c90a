#pragma once

#include "store/DeliveryGroup.h"

#include <QAbstractItemModel>
#include <QList>

namespace hookscope {

// Deliveries grouped (issue 26) as a two-level tree: a row per delivery (the vendor event),
// expandable to its attempts. The groups are replaced whole (one reset) when reloaded: a
// reload regroups everything, and a group can merge with another as keys arrive.
class DeliveryGroupModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Key, Attempts, FirstSeen, Intervals, Answers, Flags, ColumnCount };
    enum Role {
        EventIdRole = Qt::UserRole + 1, // an attempt's event id; the first attempt's on a group row
        GroupRole, // the group's row number, on both levels
        OutOfOrderRole, // bool, group rows
        DuplicateRole, // bool: an attempt after a 2xx (an attempt row), or any such attempt (a group row)
        SortKeyRole, // raw values for sorting
    };

    explicit DeliveryGroupModel(QObject *parent = nullptr);

    void setGroups(QList<DeliveryGroup> groups);
    [[nodiscard]] const QList<DeliveryGroup> &groups() const { return m_groups; }
    [[nodiscard]] const DeliveryGroup *groupAt(const QModelIndex &index) const;

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "+5 s", "+2 min 5 s", "+1 h 10 min": how long after the previous attempt.
    [[nodiscard]] static QString intervalText(qint64 ms);
    // "1 attempt", "3 attempts": `one` and `many` hold %1 for the count.
    [[nodiscard]] static QString counted(qsizetype n, const QString &one, const QString &many);
    // "500": the answer's status; "held" for a hook not answered yet.
    [[nodiscard]] static QString answerText(int status);
    // The key as the user reads it: "kind · /id=…", a body key shortened.
    [[nodiscard]] static QString keyText(const DeliveryGroup &group);

private:
    // Group rows carry internalId 0; attempt rows their group's row + 1.
    static constexpr quintptr kGroupLevel = 0;

    [[nodiscard]] QVariant groupData(const DeliveryGroup &group, int column, int role) const;
    [[nodiscard]] QVariant attemptData(const DeliveryGroup &group, int attempt, int column, int role) const;

    QList<DeliveryGroup> m_groups;
};

} // namespace hookscope
