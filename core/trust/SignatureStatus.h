#pragma once

namespace hookscope {

// Stored as an integer in event_trust.signature: never renumber.
enum class SignatureStatus : int {
    NotChecked = 0, // no rule for the event's kind (or not inspected yet)
    Valid = 1,
    Invalid = 2,
};

} // namespace hookscope
