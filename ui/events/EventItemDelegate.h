#pragma once

#include <QStyledItemDelegate>

namespace hookscope {

// Colours the event table from the model's semantic roles (result class, validity, method) via
// Theme, and puts the validity glyph beside the result.
// The result keeps its words ("200 · 3 violations"): colour is never the only signal.
class EventItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Tooltips as plain text: targets and entity ids come from the sender.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace hookscope
