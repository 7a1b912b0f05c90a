#pragma once

#include <QProxyStyle>

namespace hookscope {

// Fusion as the dark palette uses it, with check boxes and radio buttons that can be seen
// (issue 24.27): Fusion outlines their box with the window colour darkened and fills it with
// the base colour, both near black on a dark window (1.1:1). In a dark palette this draws the
// outline in the placeholder-text grey instead (over 3:1, the contrast WCAG asks of controls).
class ContrastStyle final : public QProxyStyle
{
    Q_OBJECT
public:
    explicit ContrastStyle(QStyle *base); // takes ownership

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
};

} // namespace hookscope
