#pragma once

#include "Violation.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace valijson {
class ValidationResults;
}

namespace hookscope {

// Turns valijson's error queue into Violations: context vectors (["<root>", "[data]", "[0]"])
// become RFC 6901 pointers; the chain of "Failed to validate against child schema #0." /
// "… item #3 in array." entries above a real failure is dropped, leaving the leaf that explains it;
// the rest get plain words naming the property ("'order' must be ≥ 0, got -1").
class ViolationTranslator final {
public:
    explicit ViolationTranslator(const nlohmann::json &document);

    [[nodiscard]] Violations translate(const valijson::ValidationResults &results) const;

    // Member name or index path for messages: 'order', 'tags[0]', or "the document" for "".
    [[nodiscard]] QString subject(const std::vector<std::string> &tokens) const;

private:
    [[nodiscard]] std::optional<Violation> translate(const std::vector<std::string> &context,
                                                     const std::string &description) const;
    [[nodiscard]] Violation ownError(std::vector<std::string> tokens, const std::string &description) const;
    [[nodiscard]] const nlohmann::json *resolve(const std::vector<std::string> &tokens) const;

    const nlohmann::json &m_document; // not owned; outlives the translator
};

} // namespace hookscope
