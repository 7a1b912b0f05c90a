#pragma once

#include <QList>
#include <QString>

namespace hookscope {

// One step from a JSON document's root towards a value: an object member's name or an array
// index (kept apart, because a member may well be called "2").
struct PathStep
{
    QString token; // member name, or the index in decimal
    bool isIndex = false;

    [[nodiscard]] bool operator==(const PathStep &other) const = default;
};

using JsonPath = QList<PathStep>;

// The member that holds a field's per-language texts (`[{language, value}, ...]`).
inline const QLatin1String kTranslationsMember("translations");

} // namespace hookscope
