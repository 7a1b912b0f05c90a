#pragma once

#include <QtGlobal>

namespace hookscope::platform {

// Raises the soft limit of open descriptors to `wanted` as far as the hard limit allows, so
// that accept() does not fail below the connection cap (a soft limit of 1024 is a common
// default). Returns the limit now in force, or 0 where the platform has no such limit or it
// cannot be read (portable fallback: nothing is changed).
[[nodiscard]] quint64 raiseOpenFileLimit(quint64 wanted);

// Gives freed heap memory back to the system (glibc: malloc_trim), e.g. after a client whose
// large bodies or unsent answers were held has gone. Portable fallback: nothing (the allocator
// keeps it for reuse).
void releaseFreeMemory();

} // namespace hookscope::platform
