#pragma once

#include <QString>

namespace hookscope {

// What the enrichment keeps per event (EventInfo::languages / missingTranslations).
struct TranslationSummary
{
    QString languages; // TranslationIndex::languages() joined by spaces: "en nl fr"
    int missingTranslations = 0; // missing (field, language) cells: the sum of the "nl: 3 missing" counts
    int incompleteFields = 0; // translated fields lacking at least one language
};

} // namespace hookscope
