#pragma once

#include "EnrichmentService.h"

namespace hookscope {

// The inspector the app uses: classifies the body into a kind, validates it against the
// kind's schema and indexes its translations. Safe to call from the enrichment thread.
[[nodiscard]] EnrichmentService::Inspector defaultInspector();

} // namespace hookscope
