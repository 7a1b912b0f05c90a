#pragma once

#include "ValidationOutcome.h"
#include "util/JsonNumberRange.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json_fwd.hpp>

#include <memory>

namespace hookscope {

class KindCatalog;
class SchemaRegistry;

// Classifies and validates one captured body. Meant for the store's low-priority enrichment
// worker: construct it from a catalog snapshot (SchemaRegistry::catalog(), thread-safe) and call
// it from any thread; nothing here touches QObjects.
//
// The body is parsed once, by nlohmann::json (JsonParse: numbers beyond a double are read as ±1e308
// and reported as violations), and that one document is classified, named and
// validated (see Validator.h for why nlohmann). Only a body that fails to parse is parsed again
// with Qt, whose error texts ("unterminated string") and offsets the rest of Hookscope shows.
class EventInspector final {
public:
    explicit EventInspector(std::shared_ptr<const KindCatalog> catalog);

    // target is the request target as received ("/hooks/jicoo?x=1"); the path picks a routed kind.
    // An empty body is NotJson ("empty document") when contentType declares JSON
    // (JsonText::declaresJson), else Unknown: nothing to validate.
    [[nodiscard]] ValidationOutcome inspect(const QByteArray &body, const QByteArray &target,
                                            const QByteArray &contentType = QByteArray()) const;
    // Validates against a named kind, response kinds included (hookscope validate --kind).
    // Status Unknown with an empty kindId when no such kind is loaded.
    [[nodiscard]] ValidationOutcome inspectAs(const QString &kindId, const QByteArray &body) const;

    // One-shot form: snapshot the registry's catalog and inspect.
    [[nodiscard]] static ValidationOutcome validateEvent(const SchemaRegistry &registry, const QByteArray &body,
                                                         const QByteArray &target);

private:
    [[nodiscard]] ValidationOutcome validate(Classification classification, const nlohmann::json &document,
                                             const QList<OutOfRangeNumber> &outOfRange) const;
    [[nodiscard]] bool parse(const QByteArray &body, nlohmann::json *document, ValidationOutcome *failure) const;

    std::shared_ptr<const KindCatalog> m_catalog;
};

} // namespace hookscope
