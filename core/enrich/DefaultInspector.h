#pragma once

#include "EnrichmentService.h"

#include <memory>

namespace hookscope {

class KindCatalog;
class SchemaRegistry;

// The inspector the app uses: classifies the body into a kind, validates it against the
// kind's schema (EventInspector) and indexes its translations. Safe to call from the
// enrichment thread: it holds an immutable catalog snapshot.
[[nodiscard]] EnrichmentService::Inspector inspectorFor(std::shared_ptr<const KindCatalog> catalog);
// With the built-in kinds and the user's kinds folder (watched: kinds added or changed
// there apply to the next event inspected).
[[nodiscard]] EnrichmentService::Inspector defaultInspector();
// The current snapshot of those kinds (the receiver classifies held hooks with it). Thread-safe
// once created: call it first on the main thread.
[[nodiscard]] std::shared_ptr<const KindCatalog> appKindCatalog();
// The registry behind defaultInspector(), for the settings (kinds folder, routes); main thread.
[[nodiscard]] SchemaRegistry *appSchemaRegistry();

} // namespace hookscope
