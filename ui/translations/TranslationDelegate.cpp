#include "TranslationDelegate.h"

#include "EventTableModel.h"
#include "PlainToolTip.h"
#include "Theme.h"
#include "TranslationTableModel.h"

namespace hookscope {

namespace {

QColor warningBackground(const QPalette &palette, float alpha)
{
    QColor color = Theme::resultColor(ResultClass::ClientError, palette);
    color.setAlphaF(alpha);
    return color;
}

} // namespace

bool TranslationDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                    const QModelIndex &index)
{
    return PlainToolTip::show(event, view, index) || QStyledItemDelegate::helpEvent(event, view, option, index);
}

void TranslationDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // Pointers and field paths keep their tail ("…/translations/city"): that is where rows differ.
    if (index.column() == TranslationTableModel::PointerColumn || index.column() == TranslationTableModel::FieldColumn)
        option->textElideMode = Qt::ElideLeft;
    using CellState = TranslationTableModel::CellState;
    const auto state = CellState(index.data(TranslationTableModel::CellStateRole).toInt());
    if (state == CellState::NotACell) {
        if (index.column() == TranslationTableModel::PointerColumn)
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        return;
    }
    if (index.data(TranslationTableModel::RightToLeftRole).toBool()) {
        // The text's own direction, pinned to the right edge even in a left-to-right window.
        option->direction = Qt::RightToLeft;
        option->displayAlignment = Qt::AlignRight | Qt::AlignAbsolute | Qt::AlignVCenter;
    }
    const bool selected = option->state.testFlag(QStyle::State_Selected);
    const QColor placeholder = option->palette.color(QPalette::PlaceholderText);
    switch (state) {
    case CellState::Missing:
        option->text = tr("missing");
        option->font.setItalic(true);
        option->backgroundBrush = warningBackground(option->palette, 0.30f);
        break;
    case CellState::Empty:
    case CellState::Null:
        option->text = state == CellState::Empty ? tr("(empty)") : tr("null");
        option->font.setItalic(true);
        option->backgroundBrush = warningBackground(option->palette, 0.14f);
        if (!selected)
            option->palette.setColor(QPalette::Text, placeholder);
        break;
    case CellState::Text:
    case CellState::NotACell:
        break;
    }
    if (const int occurrences = index.data(TranslationTableModel::OccurrencesRole).toInt(); occurrences > 1) {
        option->text += QStringLiteral("  ×%1").arg(occurrences);
        option->backgroundBrush = warningBackground(option->palette, 0.30f);
    }
}

} // namespace hookscope
