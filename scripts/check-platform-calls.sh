#!/bin/sh
# check-platform-calls.sh SOURCE_DIR: fails (with file:line) when code outside core/platform/
# calls an operating-system-specific API: every such call belongs in core/platform with a
# portable fallback (docs/PACKAGING.md), so a macOS or Windows build is a matter of compiling.
# Comments are ignored (the part of a line from // on). Run by ctest as platform_calls_confined.
set -eu
src=$(cd "${1:-.}" && pwd)
cd "$src"
pattern='sync_file_range|fdatasync|SCHED_[A-Z]+|sched_[a-z]+ *\(|pthread_[a-z_]+ *\(|setpriority *\(|syscall *\(|cachestat|xSetSystemCall|/proc/|sigaction|socketpair|#include *<(unistd|fcntl|pthread|sched|signal|windows)\.h>|#include *<sys/'
found=$(find core app ui -path core/platform -prune -o \( -name '*.cpp' -o -name '*.h' \) -print 2>/dev/null \
  | sort | xargs grep -nE "$pattern" /dev/null \
  | awk -F: '{ line = $0; sub(/^[^:]*:[^:]*:/, "", line); sub(/\/\/.*/, "", line); if (line ~ pat) print }' pat="$pattern" || true)
if [ -n "$found" ]; then
  echo "$found"
  echo "OS-specific calls outside core/platform/ (move them there, with a portable fallback):"
  exit 1
fi
echo "no OS-specific call outside core/platform/"
