#pragma once

#include <QStyledItemDelegate>

namespace hookscope {

// Draws the translations table from its model's meaning (TranslationTableModel roles):
// a missing language gets a warning background and the word "missing"; "" and null values
// say "(empty)" and "null" in italics on a fainter warning; a duplicated language shows
// "×N" after its first text. Words always accompany the colour. Cells of a right-to-left
// language are laid out right to left (bidi order, right edge), whatever the window's
// direction. Tooltips are plain text.
class TranslationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
    // Public so tests can see what a cell is drawn with.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace hookscope
