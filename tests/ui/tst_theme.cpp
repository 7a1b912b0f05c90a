#include "EventTableModel.h"
#include "JsonTreeModel.h"
#include "Theme.h"

#include <QApplication>
#include <QImage>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

using namespace hookscope;

Q_DECLARE_METATYPE(QPalette)

namespace {
QPalette lightPalette()
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    const QPalette palette = fusion->standardPalette();
    delete fusion;
    return palette;
}

// What KDE Breeze Dark / GNOME Adwaita-dark hand to Qt.
QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
    return p;
}

QList<std::pair<QString, QColor>> textColours(const QPalette &p)
{
    QList<std::pair<QString, QColor>> c;
    for (auto r : {ResultClass::Success, ResultClass::Redirect, ResultClass::ClientError, ResultClass::ServerError})
        c.append({QStringLiteral("result %1").arg(int(r)), Theme::resultColor(r, p)});
    for (const char *m : {"POST", "PUT", "DELETE"})
        c.append({QString::fromLatin1(m), Theme::methodColor(m, p)});
    for (auto t : {Theme::JsonToken::Key, Theme::JsonToken::String, Theme::JsonToken::Number, Theme::JsonToken::Keyword})
        c.append({QStringLiteral("json %1").arg(int(t)), Theme::jsonColor(t, p)});
    for (auto v : {EventInfo::Validity::Valid, EventInfo::Validity::Invalid, EventInfo::Validity::NotJson})
        c.append({QStringLiteral("validity %1").arg(int(v)), Theme::validityColor(v, p)});
    c.append({QStringLiteral("error"), Theme::errorText(p)});
    c.append({QStringLiteral("warning"), Theme::warningText(p)});
    c.append({QStringLiteral("ok"), Theme::okText(p)});
    return c;
}
} // namespace

// Light and dark: the Theme follows the palette it is given, and what it paints stays legible.
class TestTheme final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsThePalette()
    {
        QVERIFY(!Theme::isDark(lightPalette()));
        QVERIFY(Theme::isDark(darkPalette()));
        QVERIFY(Theme::jsonColor(Theme::JsonToken::Key, darkPalette()) != Theme::jsonColor(Theme::JsonToken::Key, lightPalette()));
        QVERIFY(Theme::resultColor(ResultClass::ServerError, darkPalette()).lightness()
                > Theme::resultColor(ResultClass::ServerError, lightPalette()).lightness());
    }

    void applicationPaletteSwitch()
    {
        // A system switch to dark reaches widgets as a new application palette.
        const QPalette before = QApplication::palette();
        QApplication::setPalette(darkPalette());
        QWidget widget;
        QVERIFY(Theme::isDark(widget.palette()));
        QApplication::setPalette(lightPalette());
        QTRY_VERIFY(!Theme::isDark(widget.palette()));
        QApplication::setPalette(before);
    }

    void textIsLegible_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << lightPalette();
        QTest::newRow("dark") << darkPalette();
    }

    void textIsLegible()
    {
        QFETCH(QPalette, palette);
        for (const auto &[name, colour] : textColours(palette)) {
            const double ratio = Theme::contrast(colour, palette.color(QPalette::Base));
            // WCAG AA for normal text is 4.5; coloured words beside plain ones, at least 4.
            QVERIFY2(ratio >= 4.0, qPrintable(QStringLiteral("%1 %2 on %3: %4").arg(name, colour.name(),
                                                                                  palette.color(QPalette::Base).name())
                                                  .arg(ratio)));
        }
    }

    void paintedIconsKeepContrast_data() { textIsLegible_data(); }

    void paintedIconsKeepContrast()
    {
        QFETCH(QPalette, palette);
        for (auto v : {EventInfo::Validity::Valid, EventInfo::Validity::Invalid, EventInfo::Validity::NotJson}) {
            // High DPI: a 16 px icon at device pixel ratio 2 is a sharp 32 px image.
            const QPixmap pixmap = Theme::validityIcon(v, palette).pixmap(QSize(16, 16), 2.0);
            QCOMPARE(pixmap.deviceIndependentSize().toSize(), QSize(16, 16));
            QVERIFY(pixmap.width() >= 32);
            const QImage image = pixmap.toImage().scaled(32, 32);
            const QColor fill = image.pixelColor(8, 9); // inside the disc, off the glyph
            const QColor disc = Theme::validityColor(v, palette);
            QVERIFY2(Theme::contrast(fill, disc) < 1.2, qPrintable(fill.name() + QLatin1Char(' ') + disc.name()));
            // The glyph drawn on the disc: the most different pixel of the middle column.
            double best = 1.0;
            for (int y = 6; y < 26; ++y)
                best = std::max(best, Theme::contrast(image.pixelColor(16, y), fill));
            for (int x = 6; x < 26; ++x)
                best = std::max(best, Theme::contrast(image.pixelColor(x, 16), fill));
            QVERIFY2(best >= 3.0, qPrintable(QStringLiteral("validity %1: glyph contrast %2").arg(int(v)).arg(best)));
            // The disc against the table background (non-text contrast, WCAG 1.4.11).
            QVERIFY2(Theme::contrast(disc, palette.color(QPalette::Base)) >= 3.0, qPrintable(disc.name()));
        }
    }

    void toolIconsReadOnBothThemes_data() { textIsLegible_data(); }

    void toolIconsReadOnBothThemes()
    {
        QFETCH(QPalette, palette);
        for (auto glyph : {Theme::ToolGlyph::Start, Theme::ToolGlyph::Stop, Theme::ToolGlyph::Pause}) {
            const QPixmap pixmap = Theme::toolIcon(glyph, palette).pixmap(QSize(24, 24), 2.0);
            QVERIFY(pixmap.width() >= 48); // sharp at device pixel ratio 2
            const QImage image = pixmap.toImage().scaled(64, 64);
            const QColor ink = image.pixelColor(24, 32); // inside every glyph
            QCOMPARE(ink.alpha(), 255);
            QVERIFY2(Theme::contrast(ink, palette.color(QPalette::Button)) >= 3.0,
                     qPrintable(QStringLiteral("glyph %1: %2 on %3").arg(int(glyph)).arg(ink.name(),
                                                                                   palette.color(QPalette::Button).name())));
        }
    }

    void inkPicksTheReadableSide_data()
    {
        QTest::addColumn<QColor>("fill");
        QTest::addColumn<bool>("white");
        QTest::newRow("dark red takes white") << QColor(0xc0, 0x20, 0x20) << true;
        QTest::newRow("light green takes dark") << QColor(0x6f, 0xcf, 0x7f) << false;
        QTest::newRow("black takes white") << QColor(Qt::black) << true;
        QTest::newRow("yellow takes dark") << QColor(Qt::yellow) << false;
    }

    void inkPicksTheReadableSide()
    {
        QFETCH(QColor, fill);
        QFETCH(bool, white);
        QCOMPARE(Theme::contrastInk(fill) == QColor(Qt::white), white);
    }
};

QTEST_MAIN(TestTheme)

#include "tst_theme.moc"
