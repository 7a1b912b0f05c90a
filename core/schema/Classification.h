#pragma once

#include <QString>
#include <QStringList>

namespace hookscope {

// Which kind a request is, and why.
struct Classification {
    enum class Reason {
        Unknown, // no kind fits: not an error
        Route, // the request path is routed to the kind
        Shape, // the body's members fit the kind best, with at least its minScore
        Forced, // the caller named the kind (hookscope validate --kind)
    };

    QString kindId; // empty when Unknown
    Reason reason = Reason::Unknown;
    double score = 0; // shape score in [0, 1]; 1 for Route and Forced
    // Shape only: the other kinds of the same pack with the same recognition rule (Cubu's Before
    // and After Book Appointment have one body). The synchronous kind is picked; only the
    // request path can tell them apart.
    QStringList sameShape = {};

    [[nodiscard]] bool isKnown() const { return !kindId.isEmpty(); }
    [[nodiscard]] bool isAmbiguous() const { return !sameShape.isEmpty(); }
    // "before-book-appointment — same shape as after-book-appointment; route the path to decide",
    // empty when not ambiguous. Plain text.
    [[nodiscard]] QString ambiguityNote() const;
    [[nodiscard]] static QString reasonName(Reason reason);
};

} // namespace hookscope
