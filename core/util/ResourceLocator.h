#pragma once

#include <QString>
#include <QStringList>

namespace hookscope {

// Finds Hookscope's data folder (kinds/, schemas/, presets/, hold/, samples/) at run time, the
// same way for every mode: the built-in kinds, presets, hold policy and samples are read from it. In order, the first candidate that holds a kinds/ folder wins:
//   1. $HOOKSCOPE_DATA_DIR, when set (packagers, tests, a user's own copy);
//   2. <binary dir>/../share/hookscope, the installed layout (relative, so a package installed
//      under another prefix or extracted anywhere still finds its files);
//   3. the source tree's resources/, when the binary runs from its own build tree;
//   4. the configured install prefix's share/hookscope.
// When none does (or the folder lacks that sub-folder), directory() answers the copies compiled
// into the binary (":/kinds", ":/presets", …), so a broken install still starts.
class ResourceLocator final
{
public:
    [[nodiscard]] static QString dataDirectory();
    // dataDirectory() + "/" + sub, or ":/" + sub when there is no data folder or it lacks sub.
    [[nodiscard]] static QString directory(const QString &sub);

    // The candidates above for a binary in appDir with $HOOKSCOPE_DATA_DIR = envDir (may be
    // empty), and the first that holds a kinds/ folder ("" for none). For tests.
    [[nodiscard]] static QStringList candidates(const QString &appDir, const QString &envDir);
    [[nodiscard]] static QString resolve(const QString &appDir, const QString &envDir);
};

} // namespace hookscope
