#pragma once

#include <QStyledItemDelegate>

namespace hookscope {

// Paints the JSON tree's violation marks from ViolationStateRole via Theme: a strong tint,
// a cross and bold text on the offending node; a faint tint and a dot on its ancestors, so a
// collapsed tree still leads to the problem. Tooltips (pointer and messages) as plain text.
class JsonTreeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace hookscope
