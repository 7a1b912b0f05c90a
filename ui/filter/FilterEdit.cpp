#include "FilterEdit.h"

#include <QLabel>
#include <QToolButton>

namespace hookscope {

FilterEdit::FilterEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_count(new QLabel(this))
{
    m_count->setObjectName(QStringLiteral("matchLabel"));
    m_count->setTextFormat(Qt::PlainText);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_count->setAttribute(Qt::WA_TransparentForMouseEvents); // clicks place the caret
    m_count->hide();
}

void FilterEdit::setCountText(const QString &text)
{
    m_count->setText(text);
    m_count->setVisible(!text.isEmpty());
    placeCount();
}

QString FilterEdit::countText() const
{
    return m_count->text();
}

void FilterEdit::resizeEvent(QResizeEvent *event)
{
    QLineEdit::resizeEvent(event);
    placeCount();
}

void FilterEdit::placeCount()
{
    if (m_count->text().isEmpty()) {
        setTextMargins(0, 0, 0, 0);
        return;
    }
    // Left of the clear button (a side widget the text margins do not include).
    int right = width() - 4;
    for (const QToolButton *button : findChildren<QToolButton *>(Qt::FindDirectChildrenOnly)) {
        if (button->geometry().right() >= width() / 2)
            right = qMin(right, button->geometry().left() - 2);
    }
    const int w = m_count->sizeHint().width();
    m_count->setGeometry(right - w, 0, w, height());
    setTextMargins(0, 0, w + 6, 0);
}

} // namespace hookscope
