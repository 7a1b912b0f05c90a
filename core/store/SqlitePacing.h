#pragma once

namespace hookscope {

// Lets the checkpointer's page copying inside SQLite be paced (CpuPacer): SQLite's unix VFS
// does its file writes through a replaceable system call table (sqlite3_vfs::xSetSystemCall);
// this wraps its pwrite so that a thread with a current CpuPacer
//   - paces before each write (a checkpoint is thousands of 4 KiB writes), and
//   - starts the writeback of what it wrote every MiB (sync_file_range, no wait, no cache
//     flush), so that the fdatasync SQLite makes after a checkpoint that reached the end of
//     the WAL finds little left: writing back a whole flood's pages in one call kept the CPU
//     for tens of milliseconds in the kernel, where no pacing can reach.
// Other threads write straight through. Idempotent; call before the threads start.
void installSqlitePacing();

} // namespace hookscope
