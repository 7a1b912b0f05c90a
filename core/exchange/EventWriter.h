#pragma once

#include "event/EventInfo.h"
#include "event/Event.h"

#include <QString>
#include <optional>

class QIODevice;

namespace hookscope {

// One export format, written event by event to a device: begin(), write() per event, finish().
// Each call returns false with the reason in error() (a failed write, a full disk).
class EventWriter
{
public:
    virtual ~EventWriter() = default;
    virtual bool begin(QIODevice *device) = 0;
    virtual bool write(const Event &event, const std::optional<EventInfo> &info) = 0;
    virtual bool finish() = 0;
    [[nodiscard]] QString error() const { return m_error; }

protected:
    bool put(QIODevice *device, const QByteArray &bytes);

    QString m_error;
};

} // namespace hookscope
