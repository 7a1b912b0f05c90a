#pragma once

namespace hookscope {

// Stored as an integer in event_trust.signature: never renumber.
enum class SignatureStatus : int {
    NotChecked = 0, // no rule for the event's kind (or not inspected yet)
    Valid = 1,
    Invalid = 2,
    Replayed = 3, // the signature verifies, but its delivery id was seen in an earlier event
};

[[nodiscard]] inline const char *signatureStatusName(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Valid:
        return "valid";
    case SignatureStatus::Invalid:
        return "invalid";
    case SignatureStatus::Replayed:
        return "replayed";
    case SignatureStatus::NotChecked:
        break;
    }
    return "not-checked";
}

} // namespace hookscope
