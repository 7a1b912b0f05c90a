#include "EventItemDelegate.h"

#include "EventTableModel.h"
#include "Theme.h"

namespace hookscope {

void EventItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (option->state & QStyle::State_Selected)
        return;
    switch (index.column()) {
    case EventTableModel::ResultColumn: {
        const auto result = ResultClass(index.data(EventTableModel::ResultClassRole).toInt());
        option->palette.setColor(QPalette::Text, Theme::resultColor(result, option->palette));
        option->font.setBold(result == ResultClass::ClientError || result == ResultClass::ServerError);
        break;
    }
    case EventTableModel::MethodColumn:
        option->palette.setColor(QPalette::Text,
                                 Theme::methodColor(index.data(EventTableModel::MethodRole).toByteArray(), option->palette));
        option->font.setBold(true);
        break;
    case EventTableModel::IdColumn:
    case EventTableModel::BodySizeColumn:
    case EventTableModel::TimeColumn:
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        break;
    default:
        break;
    }
}

} // namespace hookscope
