#include "SqlitePacing.h"

#include "PlatformFeatures.h"

#ifdef HOOKSCOPE_LINUX_PATHS
#include "util/Log.h"
#include "util/CpuPacer.h"

#include <algorithm>
#include <fcntl.h>
#include <mutex>
#include <sqlite3.h>
#include <sys/types.h>
#include <unistd.h>
#endif

namespace hookscope {

#ifdef HOOKSCOPE_LINUX_PATHS

namespace {
using Pwrite = ssize_t (*)(int, const void *, size_t, off_t);

Pwrite g_pwrite = nullptr;
Pwrite g_pwrite64 = nullptr;

constexpr off_t kWritebackEvery = 1024 * 1024;

// What the calling thread wrote since it last started a writeback: one file, one range.
struct Unflushed {
    int fd = -1;
    off_t from = 0;
    off_t to = 0;
};
thread_local Unflushed t_unflushed;

void startWriteback()
{
    Unflushed &u = t_unflushed;
    if (u.fd >= 0 && u.to > u.from)
        ::sync_file_range(u.fd, u.from, u.to - u.from, SYNC_FILE_RANGE_WRITE);
    u = Unflushed{};
}

void noteWrite(int fd, off_t offset, ssize_t written)
{
    if (written <= 0)
        return;
    Unflushed &u = t_unflushed;
    if (u.fd != fd) {
        startWriteback();
        u.fd = fd;
        u.from = offset;
        u.to = offset;
    }
    u.from = std::min(u.from, offset);
    u.to = std::max(u.to, offset + written);
    if (u.to - u.from >= kWritebackEvery)
        startWriteback();
}

ssize_t hookedWrite(Pwrite real, int fd, const void *data, size_t size, off_t offset)
{
    if (CpuPacer *pacer = CpuPacer::current())
        pacer->pace();
    const ssize_t written = real(fd, data, size, offset);
    noteWrite(fd, offset, written);
    return written;
}

ssize_t hookedPwrite(int fd, const void *data, size_t size, off_t offset)
{
    return hookedWrite(g_pwrite, fd, data, size, offset);
}

ssize_t hookedPwrite64(int fd, const void *data, size_t size, off_t offset)
{
    return hookedWrite(g_pwrite64, fd, data, size, offset);
}

void wrap(sqlite3_vfs *vfs, const char *name, Pwrite *original, Pwrite hooked)
{
    if (!vfs->xGetSystemCall || !vfs->xSetSystemCall)
        return;
    *original = reinterpret_cast<Pwrite>(vfs->xGetSystemCall(vfs, name));
    if (*original && vfs->xSetSystemCall(vfs, name, reinterpret_cast<sqlite3_syscall_ptr>(hooked)) != SQLITE_OK)
        *original = nullptr;
}
} // namespace

void installSqlitePacing()
{
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite3_vfs *vfs = sqlite3_vfs_find("unix");
        if (!vfs || vfs->iVersion < 3) {
            qCWarning(lcStore) << "SQLite has no unix VFS with replaceable system calls: its writes are neither paced nor written behind";
            return;
        }
        wrap(vfs, "pwrite", &g_pwrite, &hookedPwrite);
        wrap(vfs, "pwrite64", &g_pwrite64, &hookedPwrite64);
    });
}

#else // portable: SQLite writes through its own VFS, unpaced, written back by the OS at its pace

void installSqlitePacing()
{
}

#endif

} // namespace hookscope
