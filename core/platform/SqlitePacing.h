#pragma once

namespace hookscope {

// SQLite's unix VFS does its file writes through a replaceable system call table
// (sqlite3_vfs::xSetSystemCall); this wraps its pwrite so that
//   - every thread starts the writeback of what it wrote every MiB (sync_file_range, no
//     wait, no cache flush). Under --sync normal nothing else writes the WAL back until a
//     checkpoint syncs it: after a flood that was a GiB at once, on the checkpointer's
//     thread, and requests arriving meanwhile stalled for 10-80 ms (c1 p99). The same for
//     the checkpointer's copies into the database file, synced after a checkpoint that
//     reaches the end of the WAL.
//   - a thread with a current CpuPacer (the idle-priority checkpointer) paces before each
//     write: a checkpoint is thousands of 4 KiB writes.
// Idempotent; call before the threads start.
// Portable fallback (no Linux, or HOOKSCOPE_PORTABLE_ONLY): nothing. SQLite's writes are then
// neither paced nor written behind; durability is unchanged (commits still sync), only the
// c1 latency after a flood is worse (see docs/PACKAGING.md for the measured difference).
void installSqlitePacing();

} // namespace hookscope
