#pragma once

#include <QStyledItemDelegate>

namespace hookscope {

// Colours the event table from the model's semantic roles (result class, method) via Theme.
// The result keeps its text ("404 Not Found"): colour is never the only signal.
class EventItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace hookscope
