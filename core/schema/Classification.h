#pragma once

#include <QString>

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

    [[nodiscard]] bool isKnown() const { return !kindId.isEmpty(); }
    [[nodiscard]] static QString reasonName(Reason reason);
};

} // namespace hookscope
