#pragma once

#include <QString>

namespace hookscope::platform {

// True when both names lead to one file on disk: the same device and inode (POSIX), so a hard
// link is caught as well as a symlink. Portable fallback: the canonical paths are equal (hard
// links are not recognised there; symlinks are).
[[nodiscard]] bool sameFile(const QString &a, const QString &b);

} // namespace hookscope::platform
