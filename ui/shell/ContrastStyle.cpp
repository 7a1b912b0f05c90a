#include "ContrastStyle.h"

#include "Theme.h"

#include <QPainter>
#include <QStyleOption>

namespace hookscope {

ContrastStyle::ContrastStyle(QStyle *base)
    : QProxyStyle(base)
{
}

void ContrastStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                                  const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    const bool box = element == PE_IndicatorCheckBox || element == PE_IndicatorItemViewItemCheck;
    if ((!box && element != PE_IndicatorRadioButton) || !Theme::isDark(option->palette))
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, element == PE_IndicatorRadioButton);
    const QColor outline = option->palette.color(QPalette::PlaceholderText);
    painter->setPen(QPen(outline, 1));
    painter->setBrush(Qt::NoBrush);
    const QRectF rect = QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5);
    if (element == PE_IndicatorRadioButton)
        painter->drawEllipse(rect);
    else
        painter->drawRoundedRect(rect, 1, 1);
    painter->restore();
}

} // namespace hookscope
