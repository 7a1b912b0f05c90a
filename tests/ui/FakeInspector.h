#pragma once

#include "event/EventInfo.h"
#include "event/Event.h"

namespace hookscope {

// Stands in for the real classifier and validator, so window tests do not depend on the
// schemas: "kind" in the body names the kind, "event" the event name, "id" the entity;
// "bad": true makes it invalid with one violation at /data/x (a message with markup).
// A body that is not JSON is NotJson; JSON without "kind" is Unknown.
class FakeInspector final
{
public:
    [[nodiscard]] static EventInfo inspect(const Event &event);
};

} // namespace hookscope
