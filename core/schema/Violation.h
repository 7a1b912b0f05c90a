#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace hookscope {

// One way a JSON document breaks its schema.
struct Violation {
    // RFC 6901 pointer to the offending value, or to the object that lacks a required
    // property or holds a forbidden one. "" is the whole document.
    QString pointer;
    // Plain words naming the property and the constraint: "'order' must be ≥ 0, got -1".
    QString message;
    // The JSON Schema keyword that failed ("required", "type", "format", …). Hookscope's own
    // conditions use "maxDepth" (document nested too deeply) and "json" (not parseable).
    QString keyword;

    friend bool operator==(const Violation &, const Violation &) = default;
};

using Violations = QList<Violation>;

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::Violation)
