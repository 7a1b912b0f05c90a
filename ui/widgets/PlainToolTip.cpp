#include "PlainToolTip.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>

namespace hookscope {

namespace {
constexpr qsizetype kLongLine = 160; // characters: longer lines wrap
} // namespace

QString PlainToolTip::html(const QString &plain)
{
    if (plain.isEmpty())
        return {};
    QString escaped = plain.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    // Short lines (a JSON pointer, a message) are never broken: QToolTip lays rich text out
    // narrow and broke "/data/…/street2/0/value" after a slash (issue 24.29). Long payload
    // text still wraps, so a tooltip never runs off the screen.
    const QStringList lines = plain.split(QLatin1Char('\n'));
    const bool shortLines = std::all_of(lines.cbegin(), lines.cend(), [](const QString &l) { return l.size() <= kLongLine; });
    return QStringLiteral("<p style=\"white-space:%1\">%2</p>").arg(shortLines ? QStringLiteral("pre") : QStringLiteral("pre-wrap"), escaped);
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
