#include "TailElideDelegate.h"

namespace hookscope {

TailElideDelegate::TailElideDelegate(QSet<int> tailColumns, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_tailColumns(std::move(tailColumns))
{
}

void TailElideDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = m_tailColumns.contains(index.column()) ? Qt::ElideLeft : Qt::ElideRight;
}

} // namespace hookscope
