#include "DatabaseFileSync.h"

#include "PlatformFeatures.h"

#ifdef HOOKSCOPE_LINUX_PATHS
#include <QFile>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace hookscope {

DatabaseFileSync::~DatabaseFileSync()
{
    close();
}

#ifdef HOOKSCOPE_LINUX_PATHS

bool DatabaseFileSync::open(const QString &path, QString *error)
{
    close();
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0 && error)
        *error = qt_error_string(errno);
    return m_fd >= 0;
}

bool DatabaseFileSync::sync()
{
    return m_fd >= 0 && ::fdatasync(m_fd) == 0;
}

void DatabaseFileSync::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

#else // portable: SQLite's checkpoint syncs the file itself

bool DatabaseFileSync::open(const QString &, QString *)
{
    return true;
}

bool DatabaseFileSync::sync()
{
    return false;
}

void DatabaseFileSync::close()
{
}

#endif

} // namespace hookscope
