#pragma once

#include <QStringList>

namespace hookscope {

// `hookscope validate [--kind ID] [--format text|json] [--path PATH] [--kinds-dir DIR] FILE...`:
// classifies (unless --kind) and validates each file ("-" is stdin). Exit status, the highest of
// the files': 2 unreadable or not JSON (or bad usage) > 3 unknown kind > 1 violations > 0 valid.
[[nodiscard]] int runValidateCommand(const QStringList &args);

// `hookscope schemas [--kinds-dir DIR]`: the loaded kinds, their titles and where each schema
// came from. Exit status 1 when a user kind could not be loaded.
[[nodiscard]] int runSchemasCommand(const QStringList &args);

} // namespace hookscope
