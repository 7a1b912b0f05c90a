#pragma once

#include "EventWriter.h"

namespace hookscope {

// Writes a POSIX sh script (`sh replay.sh`) with one curl command per event (CurlCommand), in
// id order. Comments carry only what Hookscope wrote (id, time), never a sender's bytes, so a
// line break in a capture cannot end a comment and start a command.
class CurlScriptWriter final : public EventWriter
{
public:
    // baseUrl: where every command sends to; empty: each event's CurlCommand::originalBase.
    explicit CurlScriptWriter(QString baseUrl = QString());

    bool begin(QIODevice *device) override;
    bool write(const Event &event, const std::optional<EventInfo> &info) override;
    bool finish() override;

private:
    QString m_baseUrl;
    QIODevice *m_device = nullptr; // not owned
};

} // namespace hookscope
