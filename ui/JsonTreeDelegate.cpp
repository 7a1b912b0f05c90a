#include "JsonTreeDelegate.h"

#include "JsonTreeModel.h"
#include "PlainToolTip.h"
#include "Theme.h"

namespace hookscope {

void JsonTreeDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == JsonTreeModel::KeyColumn)
        option->textElideMode = Qt::ElideLeft; // a long key's end tells it from its siblings
    const auto state = ViolationState(index.data(JsonTreeModel::ViolationStateRole).toInt());
    if (matches(index))
        option->backgroundBrush = Theme::findBackground(option->palette, false);
    if (state == ViolationState::None)
        return;
    option->backgroundBrush = Theme::violationBackground(state, option->palette);
    if (index.column() == JsonTreeModel::KeyColumn) {
        option->icon = Theme::violationIcon(state, option->palette);
        option->features |= QStyleOptionViewItem::HasDecoration;
        const int side = option->fontMetrics.height() - 4;
        option->decorationSize = QSize(side, side);
    }
    if (state == ViolationState::Offending)
        option->font.setBold(true);
}

bool JsonTreeDelegate::matches(const QModelIndex &index) const
{
    if (m_term.isEmpty() || (index.column() != JsonTreeModel::KeyColumn && index.column() != JsonTreeModel::ValueColumn))
        return false;
    return index.data().toString().contains(m_term, Qt::CaseInsensitive);
}

bool JsonTreeDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                 const QModelIndex &index)
{
    return PlainToolTip::show(event, view, index) || QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace hookscope
