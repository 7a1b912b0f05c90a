#include "Theme.h"

#include "EventTableModel.h"

#include <QFontDatabase>
#include <QPalette>

namespace hookscope {

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor Theme::resultColor(ResultClass result, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (result) {
    case ResultClass::Success:
        return dark ? QColor(0x6f, 0xcf, 0x7f) : QColor(0x1b, 0x7f, 0x3b);
    case ResultClass::Redirect:
        return dark ? QColor(0x7f, 0xb8, 0xff) : QColor(0x1f, 0x5f, 0xbf);
    case ResultClass::ClientError:
        return dark ? QColor(0xff, 0xb8, 0x5c) : QColor(0xb0, 0x5a, 0x00);
    case ResultClass::ServerError:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x20, 0x20);
    case ResultClass::None:
        break;
    }
    return palette.color(QPalette::Text);
}

QColor Theme::methodColor(const QByteArray &method, const QPalette &palette)
{
    const bool dark = isDark(palette);
    if (method == "POST")
        return dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4f, 0xa8);
    if (method == "PUT" || method == "PATCH")
        return dark ? QColor(0xd7, 0xa6, 0xf5) : QColor(0x7a, 0x2f, 0xa8);
    if (method == "DELETE")
        return resultColor(ResultClass::ServerError, palette);
    return palette.color(QPalette::Text);
}

QColor Theme::jsonColor(JsonToken token, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (token) {
    case JsonToken::Key:
        return dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x0b, 0x45, 0x8c);
    case JsonToken::String:
        return dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15);
    case JsonToken::Number:
        return dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58);
    case JsonToken::Keyword:
        return dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff);
    case JsonToken::Punctuation:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

QColor Theme::bannerBackground(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x5a, 0x1e, 0x1e) : QColor(0xfd, 0xec, 0xea);
}

QColor Theme::errorText(const QPalette &palette)
{
    return resultColor(ResultClass::ServerError, palette);
}

QColor Theme::okText(const QPalette &palette)
{
    return resultColor(ResultClass::Success, palette);
}

QFont Theme::monospace()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::TypeWriter);
    return font;
}

} // namespace hookscope
