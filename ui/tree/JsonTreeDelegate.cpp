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
    if (index.column() == JsonTreeModel::ValueColumn) {
        // Values read as in the Body tab: strings quoted and coloured apart from numbers, so
        // "123" and 123 differ without a look at the Type column.
        switch (JsonType(index.data(JsonTreeModel::JsonTypeRole).toInt())) {
        case JsonType::String:
            option->text = QLatin1Char('"') + option->text + QLatin1Char('"');
            option->palette.setColor(QPalette::Text, Theme::jsonColor(Theme::JsonToken::String, option->palette));
            break;
        case JsonType::Number:
            option->palette.setColor(QPalette::Text, Theme::jsonColor(Theme::JsonToken::Number, option->palette));
            break;
        case JsonType::Bool:
        case JsonType::Null:
            option->palette.setColor(QPalette::Text, Theme::jsonColor(Theme::JsonToken::Keyword, option->palette));
            break;
        case JsonType::Array:
        case JsonType::Object:
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
            break;
        }
    }
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
