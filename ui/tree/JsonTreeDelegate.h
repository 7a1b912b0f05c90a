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

    // Keys and values containing `term` (case-insensitive) get the find tint: the event filter's
    // term is visible in the tree too.
    void setTerm(const QString &term) { m_term = term; }
    [[nodiscard]] QString term() const { return m_term; }
    // Whether the cell would be tinted as a match.
    [[nodiscard]] bool matches(const QModelIndex &index) const;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QString m_term;
};

} // namespace hookscope
