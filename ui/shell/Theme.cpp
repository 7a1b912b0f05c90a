#include "Theme.h"

#include "EventTableModel.h"
#include "JsonTreeModel.h"

#include <QFontDatabase>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

#include <algorithm>
#include <cmath>

namespace hookscope {

namespace {
// The outlined glyphs: a chain link (Copy URL), a tray with an arrow in or out (Import, Export),
// a speech bubble (Respond) and a clock (hold settings), stroked in ink.
void drawLineGlyph(Theme::ToolGlyph glyph, QPainter *p, const QColor &ink)
{
    p->setPen(QPen(ink, 6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p->setBrush(Qt::NoBrush);
    const auto arrowHead = [&](const QPolygonF &head) {
        p->setBrush(ink);
        p->drawPolygon(head);
        p->setBrush(Qt::NoBrush);
    };
    switch (glyph) {
    case Theme::ToolGlyph::Link:
        p->drawRoundedRect(QRectF(5, 21, 32, 22), 11, 11);
        p->drawRoundedRect(QRectF(27, 21, 32, 22), 11, 11);
        break;
    case Theme::ToolGlyph::Import:
    case Theme::ToolGlyph::Export: {
        p->drawPolyline(QPolygonF({QPointF(10, 38), QPointF(10, 54), QPointF(54, 54), QPointF(54, 38)}));
        const bool in = glyph == Theme::ToolGlyph::Import;
        p->drawLine(QPointF(32, in ? 8 : 44), QPointF(32, in ? 34 : 18));
        arrowHead(in ? QPolygonF({QPointF(21, 28), QPointF(43, 28), QPointF(32, 42)})
                     : QPolygonF({QPointF(21, 22), QPointF(43, 22), QPointF(32, 8)}));
        break;
    }
    case Theme::ToolGlyph::Respond:
        p->drawRoundedRect(QRectF(8, 10, 48, 32), 8, 8);
        p->drawPolyline(QPolygonF({QPointF(20, 42), QPointF(18, 56), QPointF(32, 42)}));
        break;
    case Theme::ToolGlyph::Hold:
        p->drawEllipse(QRectF(8, 8, 48, 48));
        p->drawPolyline(QPolygonF({QPointF(32, 18), QPointF(32, 32), QPointF(43, 39)}));
        break;
    default:
        break;
    }
}
} // namespace

QIcon Theme::toolIcon(ToolGlyph glyph, const QPalette &palette)
{
    const QColor color = palette.color(QPalette::Active, QPalette::ButtonText);
    const QColor disabled = palette.color(QPalette::Disabled, QPalette::ButtonText);
    QIcon icon;
    for (const auto &[mode, ink] : {std::pair{QIcon::Normal, color}, std::pair{QIcon::Disabled, disabled}}) {
        constexpr int kSize = 64;
        QPixmap pixmap(kSize, kSize);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(glyph == ToolGlyph::Start ? resultColor(ResultClass::Success, palette) : ink);
        switch (glyph) {
        case ToolGlyph::Start: {
            QPainterPath path;
            path.moveTo(18, 12);
            path.lineTo(52, 32);
            path.lineTo(18, 52);
            path.closeSubpath();
            p.drawPath(path);
            break;
        }
        case ToolGlyph::Stop:
            p.setBrush(mode == QIcon::Normal ? errorText(palette) : ink);
            p.drawRoundedRect(QRectF(14, 14, 36, 36), 4, 4);
            break;
        case ToolGlyph::Pause:
            p.drawRoundedRect(QRectF(16, 12, 11, 40), 2, 2);
            p.drawRoundedRect(QRectF(37, 12, 11, 40), 2, 2);
            break;
        default:
            drawLineGlyph(glyph, &p, ink);
            break;
        }
        p.end();
        icon.addPixmap(pixmap, mode);
    }
    return icon;
}

double Theme::luminance(const QColor &color)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double Theme::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor Theme::contrastInk(const QColor &fill)
{
    const QColor dark(0x1a, 0x1a, 0x1a);
    return contrast(fill, Qt::white) >= contrast(fill, dark) ? QColor(Qt::white) : dark;
}

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

QColor Theme::waitingBackground(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x5c, 0x4a, 0x12) : QColor(0xff, 0xf1, 0xb8);
}

QColor Theme::findBackground(const QPalette &palette, bool current)
{
    if (isDark(palette))
        return current ? QColor(0xb3, 0x6b, 0x00) : QColor(0x4d, 0x43, 0x10);
    return current ? QColor(0xff, 0x9f, 0x1a) : QColor(0xff, 0xe8, 0x80);
}

QColor Theme::errorText(const QPalette &palette)
{
    return resultColor(ResultClass::ServerError, palette);
}

QColor Theme::warningText(const QPalette &palette)
{
    return resultColor(ResultClass::ClientError, palette);
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

QColor Theme::validityColor(EventInfo::Validity validity, const QPalette &palette)
{
    switch (validity) {
    case EventInfo::Validity::Valid:
        return okText(palette);
    case EventInfo::Validity::Invalid:
        return errorText(palette);
    case EventInfo::Validity::NotJson:
    case EventInfo::Validity::NotInspectable:
        return resultColor(ResultClass::ClientError, palette);
    case EventInfo::Validity::NotChecked:
    case EventInfo::Validity::Unknown:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

QIcon Theme::glyphIcon(const QColor &color, QChar glyph, bool filled)
{
    // Delegates ask for icons on every paint: draw each (glyph, colour) once. GUI thread only.
    static QHash<QString, QIcon> cache;
    const QString key = QStringLiteral("%1/%2/%3").arg(color.rgba()).arg(glyph.unicode()).arg(filled);
    if (const auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    constexpr int kSize = 32; // drawn large, scaled down by the view: crisp on HiDPI too
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF circle(2, 2, kSize - 4, kSize - 4);
    QPen pen(color, 3);
    if (filled) {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
    } else {
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
    }
    p.drawEllipse(circle);
    // The glyph on a filled disc: white on a dark fill, near-black on a light one (dark themes
    // use light fills), so it keeps its contrast in both.
    const QColor ink = contrastInk(color);
    pen.setColor(filled ? ink : color);
    pen.setWidthF(3.5);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    if (glyph == QChar(0x2713)) { // tick
        QPainterPath path;
        path.moveTo(9, 16.5);
        path.lineTo(14, 21.5);
        path.lineTo(23, 11);
        p.drawPath(path);
    } else if (glyph == QChar(0x2717)) { // cross
        p.drawLine(QPointF(11, 11), QPointF(21, 21));
        p.drawLine(QPointF(21, 11), QPointF(11, 21));
    } else if (glyph == QChar(0x2026)) { // ellipsis
        p.setPen(Qt::NoPen);
        p.setBrush(filled ? ink : color);
        for (const qreal x : {10.0, 16.0, 22.0})
            p.drawEllipse(QPointF(x, 16), 2.2, 2.2);
    } else if (glyph == QLatin1Char('.')) { // a dot
        p.setPen(Qt::NoPen);
        p.setBrush(filled ? ink : color);
        p.drawEllipse(QPointF(16, 16), 5, 5);
    } else {
        QFont font;
        font.setBold(true);
        font.setPixelSize(20);
        p.setFont(font);
        p.drawText(circle, Qt::AlignCenter, QString(glyph));
    }
    p.end();
    const QIcon icon(pixmap);
    cache.insert(key, icon);
    return icon;
}

QIcon Theme::validityIcon(EventInfo::Validity validity, const QPalette &palette)
{
    const QColor color = validityColor(validity, palette);
    switch (validity) {
    case EventInfo::Validity::Valid:
        return glyphIcon(color, QChar(0x2713), true);
    case EventInfo::Validity::Invalid:
        return glyphIcon(color, QChar(0x2717), true);
    case EventInfo::Validity::NotJson:
    case EventInfo::Validity::NotInspectable:
        return glyphIcon(color, QLatin1Char('!'), true);
    case EventInfo::Validity::Unknown:
        return glyphIcon(color, QLatin1Char('?'), false);
    case EventInfo::Validity::NotChecked:
        return glyphIcon(color, QChar(0x2026), false);
    }
    return {};
}

QColor Theme::violationBackground(ViolationState state, const QPalette &palette)
{
    QColor color = errorText(palette);
    switch (state) {
    case ViolationState::Offending:
        color.setAlphaF(isDark(palette) ? 0.38f : 0.24f);
        return color;
    case ViolationState::OnPath:
        color.setAlphaF(isDark(palette) ? 0.16f : 0.08f);
        return color;
    case ViolationState::None:
        break;
    }
    return {};
}

QIcon Theme::violationIcon(ViolationState state, const QPalette &palette)
{
    switch (state) {
    case ViolationState::Offending:
        return glyphIcon(errorText(palette), QChar(0x2717), true);
    case ViolationState::OnPath:
        return glyphIcon(errorText(palette), QLatin1Char('.'), false);
    case ViolationState::None:
        break;
    }
    return {};
}

QColor Theme::diffColor(JsonDiff::Change::Kind kind, const QPalette &palette)
{
    switch (kind) {
    case JsonDiff::Change::Kind::Added:
        return okText(palette);
    case JsonDiff::Change::Kind::Removed:
        return errorText(palette);
    case JsonDiff::Change::Kind::Changed:
        return resultColor(ResultClass::ClientError, palette);
    }
    return palette.color(QPalette::Text);
}

QString Theme::diffMarker(JsonDiff::Change::Kind kind)
{
    switch (kind) {
    case JsonDiff::Change::Kind::Added:
        return QStringLiteral("+");
    case JsonDiff::Change::Kind::Removed:
        return QString(QChar(0x2212));
    case JsonDiff::Change::Kind::Changed:
        return QStringLiteral("~");
    }
    return {};
}

} // namespace hookscope
