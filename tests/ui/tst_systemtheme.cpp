#include "ContrastStyle.h"
#include "SystemTheme.h"
#include "Theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QStyleFactory>
#include <QStyleOptionButton>
#include <QTest>

#include <memory>

using namespace hookscope;

// Following a desktop that prefers dark where Qt 6.4 does not do it by itself (GNOME).
class TestSystemTheme final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prefersDark_data()
    {
        QTest::addColumn<QString>("gsettings");
        QTest::addColumn<QString>("gtkTheme");
        QTest::addColumn<bool>("dark");
        QTest::newRow("GNOME prefer-dark") << "'prefer-dark'\n" << "" << true;
        QTest::newRow("GNOME default") << "'default'\n" << "" << false;
        QTest::newRow("GNOME prefer-light") << "'prefer-light'\n" << "" << false;
        QTest::newRow("GTK_THEME Adwaita:dark") << "" << "Adwaita:dark" << true;
        QTest::newRow("GTK_THEME Adwaita-dark") << "" << "Adwaita-dark" << true;
        QTest::newRow("GTK_THEME Adwaita") << "" << "Adwaita" << false;
        QTest::newRow("nothing known") << "" << "" << false;
    }

    void prefersDark()
    {
        QFETCH(QString, gsettings);
        QFETCH(QString, gtkTheme);
        QFETCH(bool, dark);
        QCOMPARE(SystemTheme::prefersDark(gsettings, gtkTheme), dark);
    }

    void darkPaletteIsDarkAndLegible()
    {
        const QPalette p = SystemTheme::darkPalette();
        QVERIFY(Theme::isDark(p));
        QVERIFY(Theme::contrast(p.color(QPalette::Text), p.color(QPalette::Base)) >= 7.0);
        QVERIFY(Theme::contrast(p.color(QPalette::WindowText), p.color(QPalette::Window)) >= 7.0);
        QVERIFY(Theme::contrast(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight)) >= 4.5);
        QVERIFY(Theme::contrast(p.color(QPalette::PlaceholderText), p.color(QPalette::Base)) >= 4.5);
        QVERIFY(Theme::contrast(p.color(QPalette::Disabled, QPalette::Text), p.color(QPalette::Base)) >= 3.0);
    }

    // Issue 24.27: an unticked box stands out from the dark window (Fusion's own: about 1.3:1).
    void checkBoxShowsOnTheDarkWindow_data()
    {
        QTest::addColumn<bool>("contrastStyle");
        QTest::newRow("the app's style: over 3:1") << true;
        QTest::newRow("Fusion alone: the box hardly shows") << false;
    }

    void checkBoxShowsOnTheDarkWindow()
    {
        QFETCH(bool, contrastStyle);
        QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QVERIFY(fusion);
        std::unique_ptr<QStyle> style(contrastStyle ? new ContrastStyle(fusion) : fusion);
        const QPalette dark = SystemTheme::darkPalette();
        QCheckBox box(QStringLiteral("Missing translations"));
        box.setStyle(style.get());
        box.setPalette(dark);
        box.resize(box.sizeHint());
        const QImage image = box.grab().toImage();
        QStyleOptionButton option;
        option.initFrom(&box);
        const QRect indicator = style->subElementRect(QStyle::SE_CheckBoxIndicator, &option, &box);
        QVERIFY(!indicator.isEmpty());
        double best = 0;
        for (int y = indicator.top(); y <= indicator.bottom(); ++y) {
            for (int x = indicator.left(); x <= indicator.right(); ++x)
                best = std::max(best, Theme::contrast(image.pixelColor(x, y), dark.color(QPalette::Window)));
        }
        if (contrastStyle)
            QVERIFY2(best >= 3.0, qPrintable(QString::number(best)));
        else
            QVERIFY2(best < 3.0, qPrintable(QString::number(best))); // what the user saw
    }

    void applyFollowsGtkTheme()
    {
        qputenv("GTK_THEME", "Adwaita:dark");
        qunsetenv("XDG_CURRENT_DESKTOP");
        QVERIFY(!Theme::isDark(QApplication::palette()));
        SystemTheme::apply(*qApp);
        QVERIFY(Theme::isDark(QApplication::palette()));
        QWidget widget;
        QVERIFY(Theme::isDark(widget.palette()));
        QVERIFY(Theme::jsonColor(Theme::JsonToken::Key, widget.palette()).lightness() > 128);
    }
};

QTEST_MAIN(TestSystemTheme)

#include "tst_systemtheme.moc"
