#pragma once

#include <QString>

namespace hookscope {

// The WAL checkpointer's own sync of the database file, before the writer restarts the WAL
// (StoreWriter: earlier writeback, so the checkpoint's sync never meets a GiB of dirty pages).
// Linux: fdatasync on a read-only descriptor. Portable fallback: nothing — SQLite's checkpoint
// syncs the database file itself before the WAL is reset (synchronous=FULL on that
// connection), so durability is the same; only the writeback comes later and in one piece.
class DatabaseFileSync final
{
public:
    DatabaseFileSync() = default;
    ~DatabaseFileSync();
    DatabaseFileSync(const DatabaseFileSync &) = delete;
    DatabaseFileSync &operator=(const DatabaseFileSync &) = delete;

    // false with *error set when the file cannot be opened (the fallback always succeeds).
    bool open(const QString &path, QString *error);
    // true when data was synced (counted by the caller); false when not open or in the fallback.
    bool sync();
    void close();

private:
    [[maybe_unused]] int m_fd = -1; // Linux only
};

} // namespace hookscope
