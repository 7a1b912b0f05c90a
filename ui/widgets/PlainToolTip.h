#pragma once

#include <QString>

class QAbstractItemView;
class QHelpEvent;
class QModelIndex;

namespace hookscope {

// Tooltips that show payload text (targets, keys, violation messages) as typed: QToolTip
// guesses rich text from the first tag it sees, so "<b>x</b>" would render bold.
class PlainToolTip final
{
public:
    // The text, HTML-escaped, line breaks kept: what QToolTip shows is exactly `plain`.
    [[nodiscard]] static QString html(const QString &plain);
    // For QAbstractItemDelegate::helpEvent: shows the index's ToolTipRole as plain text.
    // Returns false when the event is not a tooltip request.
    static bool show(QHelpEvent *event, QAbstractItemView *view, const QModelIndex &index);
};

} // namespace hookscope
