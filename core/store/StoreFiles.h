#pragma once

#include <QString>
#include <QStringList>

namespace hookscope {

// The files a store is made of: the database and SQLite's companions beside it.
class StoreFiles final
{
public:
    // PATH, PATH-wal, PATH-shm, PATH-journal.
    [[nodiscard]] static QStringList of(const QString &storePath);
    // Why writing `candidate` would overwrite part of the store at `storePath` (empty when it
    // would not): the same name, a name that resolves to one of the store's files through
    // symlinks (also a companion that does not exist yet), or another hard link to one of them.
    [[nodiscard]] static QString overwriteReason(const QString &candidate, const QString &storePath);
};

} // namespace hookscope
