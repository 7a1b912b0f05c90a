#pragma once

#include <QString>

namespace hookscope {

// What one translated field says in one language: the first {language, value} item for it,
// and how many items named that language (more than one is a duplicate).
struct TranslationEntry
{
    QString text; // the first item's value; empty when it was null
    bool isNull = false; // the first item's value was JSON null
    int occurrences = 1;
    qsizetype itemIndex = 0; // the first item's position in the array (its pointer's last step)

    [[nodiscard]] bool isEmpty() const { return !isNull && text.isEmpty(); }
    [[nodiscard]] bool isDuplicate() const { return occurrences > 1; }
};

} // namespace hookscope
