#include "util/ResourceLocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace hookscope {

namespace {

bool holdsData(const QString &dir)
{
    return !dir.isEmpty() && QFileInfo(dir + QStringLiteral("/kinds")).isDir();
}

// True when appDir is inside the build tree this binary was configured in.
bool inBuildTree(const QString &appDir)
{
    const QString build = QDir::cleanPath(QStringLiteral(HOOKSCOPE_BUILD_DIR));
    const QString app = QDir::cleanPath(appDir);
    return app == build || app.startsWith(build + QLatin1Char('/'));
}

} // namespace

QStringList ResourceLocator::candidates(const QString &appDir, const QString &envDir)
{
    QStringList dirs;
    if (!envDir.isEmpty())
        dirs.append(QDir::cleanPath(envDir));
    if (!appDir.isEmpty())
        dirs.append(QDir::cleanPath(appDir + QStringLiteral("/../" HOOKSCOPE_INSTALL_DATADIR "/hookscope")));
    if (inBuildTree(appDir))
        dirs.append(QDir::cleanPath(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources")));
    dirs.append(QDir::cleanPath(QStringLiteral(HOOKSCOPE_INSTALL_FULL_DATADIR "/hookscope")));
    dirs.removeDuplicates();
    return dirs;
}

QString ResourceLocator::resolve(const QString &appDir, const QString &envDir)
{
    for (const QString &dir : candidates(appDir, envDir)) {
        if (holdsData(dir))
            return dir;
    }
    return {};
}

QString ResourceLocator::dataDirectory()
{
    // applicationDirPath() needs an application object; sub-commands and tests all have one.
    const QString appDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    return resolve(appDir, qEnvironmentVariable("HOOKSCOPE_DATA_DIR"));
}

QString ResourceLocator::directory(const QString &sub)
{
    // Per folder: a data folder without it (an older install, a user's partial copy) still
    // gets the built-in copy of that folder.
    const QString data = dataDirectory();
    const QString dir = data + QLatin1Char('/') + sub;
    return !data.isEmpty() && QFileInfo(dir).isDir() ? dir : QStringLiteral(":/") + sub;
}

} // namespace hookscope
