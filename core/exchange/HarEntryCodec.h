#pragma once

#include "event/EventInfo.h"
#include "event/Event.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace hookscope {

// One HAR 1.2 entry (http://www.softwareishard.com/blog/har-12-spec/) per event, both ways.
// HAR holds text only: header bytes that are not UTF-8 are written as Latin-1, binary bodies
// as base64 (content.encoding, and "_encoding" on postData, which HAR 1.2 lacks). Hookscope's
// own details go under "_hookscope".
class HarEntryCodec final
{
public:
    [[nodiscard]] static nlohmann::ordered_json toJson(const Event &event, const std::optional<EventInfo> &info);
    // Also reads entries written by browsers and other tools.
    [[nodiscard]] static bool fromJson(const nlohmann::ordered_json &value, Event *event, QString *error);
    // The absolute URL of a captured request: forwarded proto/host when a tunnel sent them, else
    // http:// and the Host header.
    [[nodiscard]] static QString urlOf(const Event &event);
};

} // namespace hookscope
