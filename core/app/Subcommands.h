#pragma once

#include <QStringList>

namespace hookscope {

// Window-less sub-commands (`hookscope validate …`, `hookscope schemas`, …).
// args[0] is the program, args[1] the sub-command.
[[nodiscard]] bool isSubcommand(const QStringList &args);
// Runs it (a QCoreApplication exists) and returns the process exit code.
[[nodiscard]] int runSubcommand(const QStringList &args);
// Every sub-command's name, sorted (the man page documents each).
[[nodiscard]] QStringList subcommandNames();

} // namespace hookscope
