#pragma once

#include "Violation.h"

#include <QByteArray>

#include <nlohmann/json_fwd.hpp>

#include <memory>

namespace hookscope {

class CompiledSchema;

// Validates JSON documents against one CompiledSchema. Cheap to create: make one per call or per
// thread; the CompiledSchema it holds is shared read-only.
//
// Adapter, chosen by measurement (bench/validation/run.sh: callback-request schema, its 5.3 KB
// example, one core, medians of 5 rounds, 2026-11-23), with the schema compiled as here:
//                           parse      validate   total
//   nlohmann adapter        50.5 µs    27.6 µs    78.1 µs    <- used
//   Qt adapter              31.7 µs    69.8 µs   101.5 µs
//   ajv 8 (for scale)       21.7 µs    28.1 µs    49.8 µs
// and with plain valijson (formats removed, no LeafInliner): nlohmann 88 µs, Qt 179-210 µs to
// validate. The Qt adapter converts every member name and string between QString and
// std::string; its faster parse does not make up for it. So documents are parsed with nlohmann.
class Validator final {
public:
    // Deeper documents are reported (keyword "maxDepth") instead of recursing into them. A
    // recursive schema at full depth needs about 1 MB of stack (1.5-2 KB per level): give the
    // worker thread that validates a few MB (QThread::setStackSize; macOS defaults to 512 KB).
    static constexpr int kMaxDepth = 512;

    explicit Validator(std::shared_ptr<const CompiledSchema> schema);

    // Violations in pointer order; empty when the document is valid. Text that is not JSON gives
    // one violation with keyword "json".
    [[nodiscard]] Violations validate(const QByteArray &json) const;
    // The same for a document already parsed (EventInspector; the benchmark compares it with ajv).
    [[nodiscard]] Violations validate(const nlohmann::json &document) const;

private:
    std::shared_ptr<const CompiledSchema> m_schema;
};

} // namespace hookscope
