#include "FileIdentity.h"

#include "PlatformFeatures.h"

#include <QFile>
#include <QFileInfo>

#ifdef HOOKSCOPE_LINUX_PATHS
#include <sys/stat.h>
#endif

namespace hookscope::platform {

bool sameFile(const QString &a, const QString &b)
{
#ifdef HOOKSCOPE_LINUX_PATHS
    struct stat sa {};
    struct stat sb {};
    return ::stat(QFile::encodeName(a).constData(), &sa) == 0 && ::stat(QFile::encodeName(b).constData(), &sb) == 0
        && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
#else
    const QString ca = QFileInfo(a).canonicalFilePath();
    return !ca.isEmpty() && ca == QFileInfo(b).canonicalFilePath();
#endif
}

} // namespace hookscope::platform
