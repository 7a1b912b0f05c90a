#include "EventSummary.h"

namespace hookscope {

EventSummary summaryOf(const Event &event, const EventInfo &info, std::optional<qint64> storedBodySize)
{
    EventSummary s;
    s.id = event.id;
    s.receivedAtMs = event.receivedAtMs;
    s.method = event.method;
    s.target = event.target;
    s.responseStatus = event.response.status;
    s.bodySize = storedBodySize.value_or(event.body.size());
    s.sender = event.sender();
    s.contentType = event.contentType;
    s.info = info;
    s.info.id = event.id;
    if (s.info.rejection.isEmpty())
        s.info.rejection = event.rejection;
    s.imported = event.importedAtMs > 0;
    return s;
}

} // namespace hookscope
