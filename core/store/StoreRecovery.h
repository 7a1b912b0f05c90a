#pragma once

#include "EventStore.h"

#include <QString>

namespace hookscope {

// Opens a store at start-up, and when the file is damaged (not an SQLite database, or
// malformed), keeps it aside instead of refusing to start: the file (with its -wal and -shm)
// is renamed to PATH.corrupt-YYYYMMDD-HHMMSS, a new store is started and `notice` says
// where the old file went. A store that is merely newer, or a folder that cannot be
// written, is still refused: nothing is wrong with those files.
class StoreRecovery final
{
public:
    struct Outcome
    {
        bool ok = false;
        QString error; // why the store cannot be used (when !ok)
        QString notice; // set when a damaged file was put aside
        QString setAsidePath;
        qint64 count = 0; // events in the store as opened
    };

    [[nodiscard]] static Outcome open(const QString &path, SyncMode sync = SyncMode::Full);
    // True when the file exists and SQLite calls it not a database or malformed; *why says how.
    [[nodiscard]] static bool isDamaged(const QString &path, QString *why);
};

} // namespace hookscope
