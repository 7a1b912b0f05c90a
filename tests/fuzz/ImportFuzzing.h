#pragma once
// The part the importer fuzz targets share: feed the bytes to an ImportReader, hand every
// event it accepts to the target's own check, and require a refusal to carry its reason.
#include "exchange/ImportReader.h"

#include <QBuffer>

#include <cstdint>
#include <cstdlib>
#include <functional>

namespace hookscope::fuzzing {

inline void check(bool condition)
{
    if (!condition)
        std::abort();
}

// Imports with time 1 (`importedAtMs`); `checkEvent` aborts on anything wrong with an event.
inline int fuzzImport(const uint8_t *data, size_t size, const std::function<void(Event &)> &checkEvent)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    ImportReader reader(1);
    const bool ok = reader.read(&buffer, [&checkEvent](Event &event, QString *) {
        checkEvent(event);
        return true;
    });
    check(ok || !reader.error().isEmpty());
    return 0;
}

} // namespace hookscope::fuzzing
