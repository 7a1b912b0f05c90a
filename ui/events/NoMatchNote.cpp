#include "NoMatchNote.h"

#include <QAbstractItemView>
#include <QEvent>

namespace hookscope {

NoMatchNote::NoMatchNote(QAbstractItemView *view)
    : QLabel(view->viewport())
    , m_view(view)
{
    setObjectName(QStringLiteral("noMatchNote"));
    setTextFormat(Qt::PlainText);
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setForegroundRole(QPalette::PlaceholderText);
    view->viewport()->installEventFilter(this);
    hide();
}

void NoMatchNote::setHiddenCount(int hidden)
{
    if (hidden <= 0) {
        hide();
        return;
    }
    setText(hidden == 1 ? tr("No events match the filter (1 event hidden).\nEsc in the filter box clears it.")
                        : tr("No events match the filter (%L1 events hidden).\nEsc in the filter box clears it.").arg(hidden));
    place();
    show();
}

void NoMatchNote::place()
{
    const QWidget *viewport = m_view->viewport();
    const int margin = 16;
    setGeometry(margin, margin, qMax(0, viewport->width() - 2 * margin), heightForWidth(viewport->width() - 2 * margin) + margin);
}

bool NoMatchNote::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        place();
    return QLabel::eventFilter(watched, event);
}

} // namespace hookscope
