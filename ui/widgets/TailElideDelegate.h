#pragma once

#include <QSet>
#include <QStyledItemDelegate>

namespace hookscope {

// For lists of JSON pointers and keys: the chosen columns elide on the LEFT ("…/street2/0/value"),
// so two rows that differ only at the end never read the same; other columns elide on the right.
class TailElideDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    TailElideDelegate(QSet<int> tailColumns, QObject *parent);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QSet<int> m_tailColumns;
};

} // namespace hookscope
