#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hookscope {

struct LeafRules;

// A schema Hookscope cannot use; what() names the place ("/properties/a/pattern: …").
class SchemaError final : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Prepares a standard draft-07 schema for valijson 1.0 without changing what it accepts:
//  - type, const, enum, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength,
//    maxLength, pattern and format move into LeafRules, and the subschema gets
//    "x-hookscope-leaf": <index into rules> instead (one custom constraint per subschema);
//  - `false` subschemas become a rule that reports every forbidden member by name, not only the
//    first one as valijson does (additionalProperties: false only in Mode::Detailed);
//  - patternProperties becomes if/then branches on the member name under additionalProperties,
//    so names are matched with QRegularExpression (PCRE2: no recursion on the machine stack)
//    instead of a std::regex that valijson compiles again for every object it visits;
//  - objects whose member schemas are all leaves (and arrays whose single items schema is) hand
//    properties / required / additionalProperties: false / items to LeafRules too, bottom-up, so
//    whole subtrees are checked without a valijson visitor per value (LeafInliner).
// Subschemas are found through the draft-07 keywords that hold them and through local $refs, so a
// "format" that is a property name or sits inside a const value is left alone.
class SchemaRewriter final {
public:
    static constexpr const char *kLeafKeyword = "x-hookscope-leaf";
    static constexpr int kMaxSchemaDepth = 256;

    // Fast keeps additionalProperties: false for valijson, which then only compares member counts
    // but names just the first extra member; Detailed names them all (a rule per member).
    enum class Mode { Fast, Detailed };

    SchemaRewriter(std::vector<std::unique_ptr<LeafRules>> *rules, Mode mode, bool inlineLeaves = true);
    ~SchemaRewriter();

    // Rewrites root in place. Throws SchemaError.
    void rewrite(nlohmann::json &root);

    // path + "/" + token escaped as RFC 6901 wants.
    [[nodiscard]] static std::string childPath(const std::string &path, const std::string &token);

private:
    void visit(nlohmann::json &node, const std::string &path, int depth);
    void visitMembers(nlohmann::json &node, const char *keyword, const std::string &path, int depth);
    void extractLeafRules(nlohmann::json &node, const std::string &path);
    void rewritePatternProperties(nlohmann::json &node, const std::string &path);
    void resolveReferences(nlohmann::json &root);
    [[nodiscard]] std::size_t addRules(std::unique_ptr<LeafRules> rules);
    [[nodiscard]] std::size_t forbidden(const std::string &keyword);

    std::vector<std::unique_ptr<LeafRules>> *m_rules; // not owned
    Mode m_mode;
    bool m_inline;
    std::vector<std::string> m_containers; // schemas with "properties" or a single "items", children first
    std::vector<std::string> m_refTargets; // pointers $refs resolve to
    std::set<std::string> m_visited; // schema pointers already rewritten
    std::vector<std::pair<std::string, std::string>> m_refs; // $ref value, where it was found
    std::vector<std::pair<std::string, std::size_t>> m_forbidden; // keyword -> rules index
};

} // namespace hookscope
