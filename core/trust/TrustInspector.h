#pragma once

#include "SignatureVerifier.h"
#include "enrich/EnrichmentService.h"

#include <memory>

namespace hookscope {

// Wraps an inspector so that every EventInfo also carries the trust outcome: why the
// endpoint refused the request (if it did) and the signature check by the rule of the kind
// the inspector found. Runs on the enrichment thread, after the event was answered.
[[nodiscard]] EnrichmentService::Inspector withTrust(EnrichmentService::Inspector inspector,
                                                     std::shared_ptr<const SignatureVerifier> verifier);

} // namespace hookscope
