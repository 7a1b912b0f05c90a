#pragma once

#include <QString>

class QSqlDatabase;

namespace hookscope {

// Brings a store file to the current schema, one numbered step at a time
// (PRAGMA user_version), so later versions add columns without losing captures.
class Migrations final
{
public:
    [[nodiscard]] static int currentVersion();
    // Returns false with *error set; a store newer than this build is refused.
    [[nodiscard]] static bool apply(QSqlDatabase &db, QString *error);
};

} // namespace hookscope
