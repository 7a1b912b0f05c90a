#include "SystemTheme.h"
#include "Theme.h"

#include <QApplication>
#include <QTest>

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
