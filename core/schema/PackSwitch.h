#pragma once

#include <QString>

namespace hookscope {

// Switches a vendor pack off and on from the user's packs folder, with the data files the
// loader reads: off is a <packs>/<pack>/pack.json holding "disabled": true (a user's own pack
// keeps its other members); on removes that member, and the file and folder when nothing else
// was in them. The schema registry notices the change itself (it watches the folder).
class PackSwitch final {
public:
    PackSwitch() = delete;

    static bool disable(const QString &packsDir, const QString &pack, QString *error = nullptr);
    static bool enable(const QString &packsDir, const QString &pack, QString *error = nullptr);
};

} // namespace hookscope
