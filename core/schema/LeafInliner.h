#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hookscope {

struct LeafRules;

// Last step of SchemaRewriter. valijson creates a visitor, and copies its context path twice, for
// every value it validates: that, not the checks, is most of its cost. Where a schema's members
// (or its single "items" schema) are all leaves -- nothing but keywords LeafRules checks -- this
// moves "properties", "required", additionalProperties: false and "items" into the schema's
// LeafRules, which then checks the whole object or array in one pass. Repeated bottom-up, whole
// subtrees of a typical webhook schema end up checked that way; anything else (allOf, if/then,
// patternProperties, a schema for additional members, a $ref into the subtree) stays with valijson.
// Same results either way: tst_validator compares both on every mutation.
class LeafInliner final {
public:
    // containers: schema pointers with "properties" or a single "items", children before parents.
    LeafInliner(std::vector<std::unique_ptr<LeafRules>> *rules, std::vector<std::string> containers,
                std::vector<std::string> refTargets);

    void run(nlohmann::json &root);

private:
    [[nodiscard]] bool inlineMembers(nlohmann::json &root, nlohmann::json &node, const std::string &path);
    [[nodiscard]] bool inlineItems(nlohmann::json &root, nlohmann::json &node, const std::string &path);
    // The rules a subschema amounts to when it has nothing but leaf keywords (after $refs):
    // {true, rules or nullptr for "anything"}; {false, …} when valijson must visit it.
    [[nodiscard]] std::pair<bool, const LeafRules *> leafOf(const nlohmann::json &root,
                                                            const nlohmann::json *node) const;
    [[nodiscard]] LeafRules &rulesOf(nlohmann::json &node);
    [[nodiscard]] bool referencedBelow(const std::string &path) const;

    std::vector<std::unique_ptr<LeafRules>> *m_rules; // not owned
    std::vector<std::string> m_containers;
    std::vector<std::string> m_refTargets; // pointers $refs resolve to
};

} // namespace hookscope
