#include "EventItemDelegate.h"

#include "EventTableModel.h"
#include "PlainToolTip.h"
#include "Theme.h"

namespace hookscope {

bool EventItemDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                  const QModelIndex &index)
{
    return PlainToolTip::show(event, view, index) || QStyledItemDelegate::helpEvent(event, view, option, index);
}

void EventItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The view elides targets in the middle (both ends of a path say something); the words of
    // kind, result and languages read from the left, so they lose their end if anything.
    if (index.column() != EventTableModel::TargetColumn)
        option->textElideMode = Qt::ElideRight;
    const auto validity = EventInfo::Validity(index.data(EventTableModel::ValidityRole).toInt());
    if (index.column() == EventTableModel::ResultColumn) {
        // The glyph shows on selected rows too: it is part of the signal, not decoration.
        option->icon = Theme::validityIcon(validity, option->palette);
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->decorationSize = QSize(option->fontMetrics.height() - 2, option->fontMetrics.height() - 2);
    }
    if (index.data(EventTableModel::HoldStateRole).toInt() == int(EventTableModel::HoldState::Waiting)) {
        // A hook waiting for its answer stands out, selected or not.
        option->backgroundBrush = Theme::waitingBackground(option->palette);
        option->font.setBold(true);
    }
    if (option->state & QStyle::State_Selected)
        return;
    switch (index.column()) {
    case EventTableModel::ResultColumn: {
        // A refused request (4xx/5xx from the receiver) says more than the body's validity.
        const auto result = ResultClass(index.data(EventTableModel::ResultClassRole).toInt());
        const bool httpError = result == ResultClass::ClientError || result == ResultClass::ServerError;
        const bool invalid = validity == EventInfo::Validity::Invalid;
        option->palette.setColor(QPalette::Text, httpError ? Theme::resultColor(result, option->palette)
                                                           : Theme::validityColor(validity, option->palette));
        option->font.setBold(httpError || invalid);
        break;
    }
    case EventTableModel::ForwardColumn: {
        // The app's answer in the HTTP colours; a failure (4xx/5xx or unreachable) in bold.
        const auto result = ResultClass(index.data(EventTableModel::ResultClassRole).toInt());
        option->palette.setColor(QPalette::Text, Theme::resultColor(result, option->palette));
        option->font.setBold(result == ResultClass::ClientError || result == ResultClass::ServerError);
        break;
    }
    case EventTableModel::KindColumn:
        if (validity == EventInfo::Validity::NotChecked || index.data(EventTableModel::KindRole).toString().isEmpty()) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
            option->font.setItalic(validity == EventInfo::Validity::NotChecked);
        }
        break;
    case EventTableModel::LanguagesColumn:
        if (index.data(EventTableModel::MissingTranslationsRole).toInt() > 0)
            option->palette.setColor(QPalette::Text, Theme::resultColor(ResultClass::ClientError, option->palette));
        break;
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
