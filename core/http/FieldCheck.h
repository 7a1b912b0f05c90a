#pragma once

#include "event/HttpMessage.h"

#include <QString>

namespace hookscope {

// What HTTP/1.1 forbids in a request's fields and a writer must never pass on: a CR or LF in
// the method, the target or a header ends the line early and lets the rest be read as another
// header or another request; a NUL ends it for many servers. The receiver's parser never lets
// one through; an imported file or an edited replay could. Shared by import (refuse the file),
// replay and forward (refuse to send).
class FieldCheck final
{
public:
    // Empty when every field is clean; else the first bad field and byte, e.g.
    // "method holds a line feed (LF), which HTTP forbids there".
    [[nodiscard]] static QString problem(const QByteArray &method, const QByteArray &target, const HeaderList &headers);
    // The same for one field, named `field` in the message.
    [[nodiscard]] static QString fieldProblem(const QByteArray &bytes, const QString &field);
};

} // namespace hookscope
