#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hookscope {

// First step of compiling a user's schema: turns every draft-07 "$ref" into one valijson 1.0
// resolves correctly and SchemaRewriter can follow, and refuses the references no validator can
// use. valijson skips empty JSON-pointer tokens ("#/definitions//x"), knows nothing of "$id"
// scopes in subschemas or of location-independent identifiers ("#foo"), and recurses until the
// stack overflows on a $ref cycle. So, before either sees the schema:
//  - "$id" scopes are followed as RFC 3986 says ($id beside $ref is ignored, as draft-07 wants);
//  - documents outside the schema (the draft-07 meta-schema, or what `loader` knows) are copied in;
//  - every referenced subschema is moved to "#/x-hookscope-slots/<n>" and a $ref to it left in its
//    place, so every $ref becomes one valijson resolves without decoding anything;
//  - a cycle of references and in-place applicators (allOf, anyOf, oneOf, not, if/then/else,
//    schema dependencies) that never descends into the value is refused: validating it could not end;
//    so are chains of them, and graphs of subschemas and references, too deep for the stack.
// Throws SchemaError naming the JSON pointer of the offending $ref.
class SchemaBundler final {
public:
    static constexpr const char *kSlotsKeyword = "x-hookscope-slots";
    // More documents than this is a schema nobody writes by hand.
    static constexpr std::size_t kMaxDocuments = 64;
    // Validation recurses once per in-place step for every value, parsing once per level of the
    // graph; both on the machine stack. Far beyond hand-written schemas, far below a crash.
    static constexpr std::size_t kMaxInPlaceChain = 64;
    static constexpr std::size_t kMaxGraphDepth = 2000;

    // Absolute URI without fragment -> the document's text, nullopt when unknown.
    using Loader = std::function<std::optional<QByteArray>(const QString &uri)>;

    explicit SchemaBundler(Loader loader);

    void bundle(nlohmann::json &root);

    // Replaces a leading "/x-hookscope-slots/<n>" in a SchemaRewriter message with the place the
    // slot was moved from, so errors name the user's own pointers.
    [[nodiscard]] std::string originalPlace(std::string message) const;

private:
    struct Reference {
        std::string holder; // pointer of the schema object holding "$ref"
        std::string text; // as written
        std::string uri; // resolved against the base in effect
        std::string target; // pointer in the bundled root, once resolved
    };

    void walk(nlohmann::json &node, const std::string &path, const std::string &base, int depth);
    void walkChild(nlohmann::json &node, const std::string &path, const std::string &base, int depth, bool inPlace,
                   const std::string &parent);
    [[nodiscard]] std::string locate(const Reference &ref);
    [[nodiscard]] bool load(const std::string &documentUri);
    void refuseCycles() const;
    void refuseDeepGraphs() const;
    void moveTargets();

    Loader m_loader;
    nlohmann::json *m_root = nullptr; // not owned, during bundle()
    std::map<std::string, std::string> m_ids; // absolute URI (with "#name" for anchors) -> pointer
    std::vector<Reference> m_refs;
    std::set<std::string> m_walked; // schema pointers
    std::set<std::string> m_foreign; // targets outside the places draft-07 keeps subschemas
    std::vector<std::string> m_idHolders; // schema pointers whose "$id" goes once resolved
    std::map<std::string, std::vector<std::string>> m_inPlace; // schema -> schemas applied to the same value
    std::map<std::string, std::vector<std::string>> m_children; // schema -> every subschema in it
    std::vector<std::string> m_slotOrigins; // slot index -> where it came from
    std::size_t m_documents = 0;
};

} // namespace hookscope
