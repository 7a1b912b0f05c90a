#pragma once

#include <QStyledItemDelegate>

namespace hookscope {

// A saved view's row: its name, cut at the right end, and a badge with its count of matching
// events ("…" while counting, "!" when its query does not parse). Tooltips are plain text.
class SavedViewDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The badge's text for a row (tests read it as the user sees it).
    [[nodiscard]] static QString badgeText(const QModelIndex &index);
};

} // namespace hookscope
