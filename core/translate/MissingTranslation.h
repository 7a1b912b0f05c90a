#pragma once

#include <QString>

namespace hookscope {

// A translated field (row of a TranslationIndex) that has no item at all for a language
// another field of the event has, or that was required.
struct MissingTranslation
{
    qsizetype field = 0; // row in TranslationIndex::fields()
    QString language;

    [[nodiscard]] bool operator==(const MissingTranslation &other) const = default;
};

} // namespace hookscope
