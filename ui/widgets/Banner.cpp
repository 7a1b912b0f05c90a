#include "Banner.h"

#include "Theme.h"

namespace hookscope {

Banner::Banner(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(8, 5, 8, 5);
    setAutoFillBackground(true);
    hide();
}

void Banner::showMessage(const QString &text, Kind kind)
{
    QPalette p = palette();
    if (kind == Kind::Error) {
        p.setColor(QPalette::Window, Theme::bannerBackground(p));
        p.setColor(QPalette::WindowText, Theme::errorText(p));
    } else {
        p.setColor(QPalette::Window, p.color(QPalette::AlternateBase));
        p.setColor(QPalette::WindowText, p.color(QPalette::Text));
    }
    setPalette(p);
    setText(text);
    show();
}

void Banner::clearMessage()
{
    clear();
    hide();
}

} // namespace hookscope
