#include "SystemTheme.h"

#include "ContrastStyle.h"
#include "Theme.h"

#include <QApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QStyleFactory>

namespace hookscope {

QPalette SystemTheme::darkPalette()
{
    // Close to Adwaita-dark / Breeze Dark.
    QPalette p;
    const QColor window(0x2a, 0x2e, 0x32);
    const QColor base(0x1b, 0x1e, 0x20);
    const QColor text(0xf0, 0xf0, 0xf0);
    const QColor disabled(0x7f, 0x85, 0x8a);
    const QColor highlight(0x3d, 0xae, 0xe9);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x40, 0x46, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x36, 0x3b, 0x40));
    p.setColor(QPalette::Mid, QColor(0x25, 0x28, 0x2b));
    p.setColor(QPalette::Dark, QColor(0x14, 0x16, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Theme::contrastInk(highlight));
    p.setColor(QPalette::Link, QColor(0x7f, 0xb8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xd7, 0xa6, 0xf5));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

bool SystemTheme::prefersDark(const QString &gsettingsColorScheme, const QString &gtkTheme)
{
    return gsettingsColorScheme.contains(QLatin1String("prefer-dark"))
        || gtkTheme.endsWith(QLatin1String(":dark"), Qt::CaseInsensitive)
        || gtkTheme.endsWith(QLatin1String("-dark"), Qt::CaseInsensitive);
}

void SystemTheme::apply(QApplication &app)
{
    if (Theme::isDark(QApplication::palette()))
        return; // the platform theme already gave a dark palette
    QString scheme;
    const QString gsettings = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
    if (!gsettings.isEmpty() && qEnvironmentVariable("XDG_CURRENT_DESKTOP").contains(QLatin1String("GNOME"), Qt::CaseInsensitive)) {
        QProcess process;
        process.start(gsettings, {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"),
                                  QStringLiteral("color-scheme")});
        if (process.waitForFinished(300))
            scheme = QString::fromUtf8(process.readAllStandardOutput());
        else
            process.kill();
    }
    if (!prefersDark(scheme, qEnvironmentVariable("GTK_THEME")))
        return;
    // A style that honours the palette, with check boxes that show on it.
    app.setStyle(new ContrastStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
    QApplication::setPalette(darkPalette());
}

} // namespace hookscope
