#pragma once

#include "EventWriter.h"

namespace hookscope {

// Writes a hookscope-export document (resources/export/hookscope-export.schema.json):
//   {"format": "hookscope-export", "version": 1, "exportedAt": …, "creator": {…},
//    "events": [ one object per event ]}
// one event per line, never holding more than the event being written.
class ExportWriter final : public EventWriter
{
public:
    static constexpr int kVersion = 1;
    static constexpr const char *kFormat = "hookscope-export";

    bool begin(QIODevice *device) override;
    bool write(const Event &event, const std::optional<EventInfo> &info) override;
    bool finish() override;

private:
    QIODevice *m_device = nullptr; // not owned
    qint64 m_written = 0;
};

} // namespace hookscope
