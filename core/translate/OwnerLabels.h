#pragma once

#include "PathStep.h"

#include <QStringList>

#include <vector>

namespace hookscope {

// Readable names for translated fields, built from their paths: "subject › name",
// "office › parkingInfo", "answers › 2 › question › label".
//
// A label is the field's own name preceded by its owner, the nearest step above it; a parent
// object called "translations" is left out ("subject/translations/name" → "subject › name").
// Array indexes appear as in the pointer (0-based) and never open a label: one that would start
// at an index, or just after one, takes the steps before it too, so an item of an array reads
// "answers › 2 › question › label" (an index at the document's top level is the exception).
// When two fields of one event would get the same label, both take one more step from their
// paths (then, as a last resort, the skipped "translations") until the labels differ, so a
// label names one field of its event — up to 8 steps: deeper look-alikes keep equal labels and
// only their pointers tell them apart. The document itself is "(root)".
class OwnerLabels final
{
public:
    OwnerLabels() = delete;

    inline static const QString separator = QStringLiteral(" › ");
    inline static const QString rootLabel = QStringLiteral("(root)");

    // One label per path, in the same order.
    [[nodiscard]] static QStringList build(const std::vector<JsonPath> &paths);
    // The label of a path on its own (what build() gives when nothing collides).
    [[nodiscard]] static QString label(const JsonPath &path);
};

} // namespace hookscope
