#pragma once

#include "event/EventInfo.h"
#include "event/Event.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace hookscope {

// One event of a hookscope-export document (resources/export/hookscope-export.schema.json),
// both ways. Requests and responses come back byte for byte.
class ExportEventCodec final
{
public:
    [[nodiscard]] static nlohmann::ordered_json toJson(const Event &event, const std::optional<EventInfo> &info);
    // False with *error naming the member ("request.headers[2].value: is not a string").
    [[nodiscard]] static bool fromJson(const nlohmann::ordered_json &value, Event *event, QString *error);

    [[nodiscard]] static const char *validityName(EventInfo::Validity validity);
};

} // namespace hookscope
