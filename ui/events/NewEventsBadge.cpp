#include "NewEventsBadge.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QLocale>

namespace hookscope {

NewEventsBadge::NewEventsBadge(QAbstractItemView *view)
    : QToolButton(view->viewport())
    , m_view(view)
{
    setObjectName(QStringLiteral("newEventsBadge"));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Go to the newest events"));
    // The highlight colours stand out on the table in light and dark palettes alike.
    setBackgroundRole(QPalette::Highlight);
    setForegroundRole(QPalette::HighlightedText);
    setAutoFillBackground(true);
    view->viewport()->installEventFilter(this);
    hide();
}

void NewEventsBadge::add(int count)
{
    if (count <= 0)
        return;
    m_count += count;
    setText(tr("%1 new %2").arg(QLocale().toString(m_count), m_atTop ? QStringLiteral("↑") : QStringLiteral("↓")));
    adjustSize();
    place();
    show();
    raise();
}

void NewEventsBadge::reset()
{
    m_count = 0;
    hide();
}

void NewEventsBadge::setNewestAtTop(bool atTop)
{
    m_atTop = atTop;
    place();
}

void NewEventsBadge::place()
{
    const QWidget *viewport = m_view->viewport();
    const int x = (viewport->width() - width()) / 2;
    const int margin = 8;
    move(x, m_atTop ? margin : viewport->height() - height() - margin);
}

bool NewEventsBadge::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        place();
    return QToolButton::eventFilter(watched, event);
}

} // namespace hookscope
