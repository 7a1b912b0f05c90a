#pragma once

#include <QByteArray>
#include <QString>

namespace hookscope::test {

// The bytes of resources/samples/<name> in the source tree; empty when it cannot be read.
[[nodiscard]] QByteArray sampleFile(const QString &name);
// The Before Book Appointment sample: the hook that is held for an answer.
[[nodiscard]] QByteArray beforeBookSample();

} // namespace hookscope::test
