#pragma once

#include <QStringList>

namespace hookscope {

// `hookscope export [--db PATH] [--format json|har] [--filter TEXT] --out FILE`: writes the
// store's events (those whose target, headers or body contain TEXT, as the window's filter)
// as a hookscope export or HAR file. Exit status 0 written, 1 written but events of a damaged
// store left out (named on stderr), 2 usage, FILE is part of the store, unreadable store or
// unwritable file.
[[nodiscard]] int runExportCommand(const QStringList &args);

// `hookscope import [--db PATH] FILE`: adds the events of a hookscope export or HAR file to the
// store, all or nothing. Exit status 0 imported, 1 the file was refused (reason and position on
// stderr), 2 usage, unreadable file or store.
[[nodiscard]] int runImportCommand(const QStringList &args);

} // namespace hookscope
