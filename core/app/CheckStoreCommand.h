#pragma once

#include <QStringList>

namespace hookscope {

// `hookscope check-store [--db PATH] [--full]`: SQLite's check of the store's pages, then every
// event read as `hookscope export` reads it; prints the counts and each unreadable event.
// Never writes the file. Exit status 0 healthy, 1 damaged, 2 usage or no readable store file.
[[nodiscard]] int runCheckStoreCommand(const QStringList &args);

} // namespace hookscope
