#pragma once

#include "PathStep.h"

#include <QJsonArray>
#include <QJsonValue>

#include <vector>

namespace hookscope {

// Finds the translations arrays of any JSON value, at any depth, without recursion (an
// explicit stack: a 100,000-level document costs memory, not the call stack).
//
// Recognition rule — an array is a translated field when either
//  * it has at least one item and every item is an object with a string member "language"
//    and a member "value" that is a string or null (other members are tolerated), or
//  * it is empty and is a member of an object called "translations" (a field sent with no
//    language at all: every language is missing there).
// An array mixing such items with anything else is not one (all or nothing). The walk goes
// on inside recognised arrays too, so nothing hidden in an extra member is lost.
class TranslationScanner final
{
public:
    struct Match
    {
        JsonPath path; // from the root to the array
        QJsonArray items;
    };

    TranslationScanner() = delete;

    [[nodiscard]] static bool isTranslationItem(const QJsonValue &item);
    [[nodiscard]] static bool isTranslationArray(const QJsonArray &array);

    // Matches in document order: depth first, object members in QJsonObject's order (Qt keeps
    // members sorted by name; the text's order is not kept by the parser), array items in order.
    [[nodiscard]] static std::vector<Match> scan(const QJsonValue &root);
};

} // namespace hookscope
