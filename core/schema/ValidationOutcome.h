#pragma once

#include "Classification.h"
#include "util/JsonNumberRange.h"
#include "Violation.h"

#include <QString>

namespace hookscope {

// Everything EventInspector learns about one body: what is shown in the event table (kind, event
// name, valid / N violations), what the Violations panel lists, and the entity the Diff tab follows.
struct ValidationOutcome {
    enum class Status {
        Valid,
        Invalid, // violations is not empty
        Unknown, // no kind fits (or an empty body): not an error
        NotJson, // parseError / parseErrorOffset say why
    };

    Status status = Status::Unknown;
    Classification classification;
    QString kindId; // empty when Unknown (and when NotJson without a route)
    QString kindTitle;
    QString eventName; // "guest_booked", or the kind's fixed label
    QString entityId; // "" when the kind names none or the body lacks it
    Violations violations;
    QString parseError; // "unterminated string"
    qsizetype parseErrorOffset = -1;
    QList<OutOfRangeNumber> outOfRange; // numbers beyond a double, read as ±1e308 (JsonParse)

    [[nodiscard]] bool isKnown() const { return !kindId.isEmpty(); }
    [[nodiscard]] static QString statusName(Status status);
};

} // namespace hookscope
