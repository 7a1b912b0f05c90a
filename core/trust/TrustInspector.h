#pragma once

#include "SignatureVerifier.h"
#include "VerifierSlot.h"
#include "enrich/EnrichmentService.h"

#include <memory>

namespace hookscope {

// Wraps an inspector so that every EventInfo also carries the trust outcome: why the
// endpoint refused the request (if it did) and the signature check by the rule of the kind
// the inspector found, with a delivery id seen before flagged "replayed id". Runs on the
// enrichment thread, after the event was answered.
[[nodiscard]] EnrichmentService::Inspector withTrust(EnrichmentService::Inspector inspector,
                                                     std::shared_ptr<const SignatureVerifier> verifier);
// The same with the rules in `slot` at the time each event is checked (the settings may
// replace them while the app runs) and its public base URL.
[[nodiscard]] EnrichmentService::Inspector withTrust(EnrichmentService::Inspector inspector,
                                                     std::shared_ptr<const VerifierSlot> slot);

} // namespace hookscope
