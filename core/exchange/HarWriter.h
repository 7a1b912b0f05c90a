#pragma once

#include "EventWriter.h"

namespace hookscope {

// Writes a HAR 1.2 log ({"log": {"version": "1.2", "creator", "entries": [...]}}), one entry per
// line, never holding more than the entry being written. Opens in browsers' devtools.
class HarWriter final : public EventWriter
{
public:
    bool begin(QIODevice *device) override;
    bool write(const Event &event, const std::optional<EventInfo> &info) override;
    bool finish() override;

private:
    QIODevice *m_device = nullptr; // not owned
    qint64 m_written = 0;
};

} // namespace hookscope
