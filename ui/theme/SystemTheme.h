#pragma once

#include <QPalette>
#include <QString>

class QApplication;

namespace hookscope {

// Light or dark, as the desktop says. Qt 6.4 takes its palette from the platform theme: KDE and
// other Qt-aware desktops hand it a dark palette themselves, GNOME does not (Qt 6.5 learns
// that). So at start, when GNOME's color-scheme (or GTK_THEME) prefers dark while Qt's palette
// is light, the app switches to Fusion with darkPalette(). Theme then picks its dark colours
// from that palette like from any other.
class SystemTheme final
{
public:
    [[nodiscard]] static QPalette darkPalette();
    // gsettingsColorScheme: `gsettings get org.gnome.desktop.interface color-scheme` output
    // ("'prefer-dark'"); gtkTheme: $GTK_THEME ("Adwaita:dark").
    [[nodiscard]] static bool prefersDark(const QString &gsettingsColorScheme, const QString &gtkTheme);
    // Reads the desktop's preference (gsettings, at most 300 ms) and applies it to app.
    static void apply(QApplication &app);
};

} // namespace hookscope
