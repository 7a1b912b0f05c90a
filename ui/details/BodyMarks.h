#pragma once

#include "ViolationEntry.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QStringList>

namespace hookscope {

// Where the violations of a body fall in its pretty-printed text, line by line, for the Body
// tab's marks: a violation's pointer is resolved as the Tree resolves it (a missing property
// marks the deepest value that exists) and marks the line that value starts on.
class BodyMarks final
{
public:
    // Beyond these, no marks: a resolve walks the containers on the way (bounded work per view).
    static constexpr qsizetype kMaxText = 1024 * 1024;
    static constexpr int kMaxViolations = 500;

    // `pretty` must be the whole, valid, pretty-printed document; else the result is empty.
    // Line (0-based) → "pointer: message" of each violation that lands there.
    [[nodiscard]] static QMap<int, QStringList> lines(const QByteArray &pretty, const QList<ViolationEntry> &violations);
};

} // namespace hookscope
