#pragma once

#include "event/Event.h"

#include <QString>
#include <QStringList>
#include <functional>

class QIODevice;

namespace hookscope {

// Reads a hookscope export or a HAR file, event by event, as it parses: the file is never in
// memory whole. Each event is handed to the sink as soon as it is complete; the caller stores
// them in one transaction and rolls it back when read() fails, so a corrupt file imports
// nothing. Errors name the reason and the position: "line 3, column 7 (byte 52)" for JSON
// syntax, "event 12 (byte 52001): request.headers[2].value: is not a string" for structure.
// A HAR entry that cannot be an event (a data: URL, no method) is skipped with its reason
// instead, and the rest of the file imported: browsers write such entries.
class ImportReader final
{
public:
    enum class Format { Unknown, HookscopeExport, Har };
    static constexpr int kMaxDepth = 256;

    // Returns false (with *error) to stop reading; the error is reported as the sink's.
    using Sink = std::function<bool(Event &event, QString *error)>;

    // Every event gets importedAtMs; receive times stay as in the file.
    explicit ImportReader(qint64 importedAtMs);

    [[nodiscard]] bool read(QIODevice *device, const Sink &sink);
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] Format format() const { return m_format; }
    [[nodiscard]] qint64 eventCount() const { return m_count; }
    // HAR entries that could not be events, skipped; the reasons of the first kMaxSkippedReasons.
    [[nodiscard]] qint64 skippedCount() const { return m_skipped; }
    [[nodiscard]] QStringList skippedReasons() const { return m_skippedReasons; }
    static constexpr int kMaxSkippedReasons = 20;

private:
    qint64 m_importedAtMs;
    QString m_error;
    Format m_format = Format::Unknown;
    qint64 m_count = 0;
    qint64 m_skipped = 0;
    QStringList m_skippedReasons;
};

} // namespace hookscope
