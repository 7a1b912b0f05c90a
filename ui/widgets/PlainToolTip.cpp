#include "PlainToolTip.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

namespace hookscope {

QString PlainToolTip::html(const QString &plain)
{
    if (plain.isEmpty())
        return {};
    QString escaped = plain.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(escaped);
}

bool PlainToolTip::show(QHelpEvent *event, QAbstractItemView *view, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip)
        return false;
    const QString text = index.data(Qt::ToolTipRole).toString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPos(), html(text), view->viewport(), view->visualRect(index));
    return true;
}

} // namespace hookscope
