#include "SchemaBundler.h"

#include "MetaSchema.h"
#include "SchemaRewriter.h"

#include <QUrl>

#include <algorithm>

namespace hookscope {

namespace {

using json = nlohmann::json;

// Where a schema has no "$id": relative references resolve against this and find nothing.
constexpr const char *kDefaultBase = "hookscope:///schema.json";

// Subschemas applied to the value itself, and those applied to its members or items.
constexpr const char *kInPlaceSingle[] = {"not", "if", "then", "else"};
constexpr const char *kInPlaceLists[] = {"allOf", "anyOf", "oneOf"};
constexpr const char *kDescendingSingle[] = {"additionalItems", "additionalProperties", "contains", "propertyNames"};
constexpr const char *kDescendingMaps[] = {"properties", "patternProperties"};

std::string memberPath(const std::string &path, const std::string &token)
{
    return SchemaRewriter::childPath(path, token);
}

[[noreturn]] void refuse(const std::string &path, const std::string &what)
{
    throw SchemaError((path.empty() ? std::string("(root)") : path) + ": " + what);
}

QUrl resolved(const std::string &base, const std::string &reference)
{
    return QUrl(QString::fromStdString(base)).resolved(QUrl(QString::fromStdString(reference)));
}

std::string withoutFragment(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment).toString(QUrl::FullyEncoded).toStdString();
}

int depthOf(const std::string &pointer)
{
    return int(std::count(pointer.begin(), pointer.end(), '/'));
}

} // namespace

SchemaBundler::SchemaBundler(Loader loader)
    : m_loader(std::move(loader))
{
}

void SchemaBundler::bundle(json &root)
{
    if (!root.is_object())
        return; // a boolean schema refers to nothing
    if (root.contains(kSlotsKeyword))
        refuse(std::string(), std::string("the schema uses the reserved keyword ") + kSlotsKeyword);
    m_root = &root;
    root[kSlotsKeyword] = json::array();
    m_ids.emplace(kDefaultBase, std::string());
    walk(root, std::string(), kDefaultBase, 0);
    // Resolving may load documents, whose references are appended: m_refs grows while this runs.
    for (std::size_t i = 0; i < m_refs.size(); ++i)
        m_refs[i].target = locate(m_refs[i]);
    refuseCycles();
    refuseDeepGraphs();
    moveTargets();
    if (root[kSlotsKeyword].empty())
        root.erase(kSlotsKeyword);
    m_root = nullptr;
}

void SchemaBundler::walk(json &node, const std::string &path, const std::string &base, int depth)
{
    if (depth > SchemaRewriter::kMaxSchemaDepth)
        refuse(path, "subschemas nested more than " + std::to_string(SchemaRewriter::kMaxSchemaDepth) + " levels deep");
    if (!node.is_object() || !m_walked.insert(path).second)
        return; // booleans refer to nothing; SchemaRewriter refuses other values
    std::string scope = base;
    const bool applies = !node.contains("$ref"); // draft-07: keywords beside $ref are ignored
    if (const auto ref = node.find("$ref"); ref != node.end()) {
        if (!ref->is_string())
            refuse(memberPath(path, "$ref"), "must be a string");
        const std::string text = ref->get<std::string>();
        if (!text.empty() && text.front() == '#') { // the common case, without QUrl's cost
            m_refs.push_back({path, text, base + text, std::string()});
        } else {
            const QUrl uri = resolved(base, text);
            if (!uri.isValid())
                refuse(memberPath(path, "$ref"), "\"" + text + "\" is not a URI reference");
            m_refs.push_back({path, text, uri.toString(QUrl::FullyEncoded).toStdString(), std::string()});
        }
        if (node.contains("$id"))
            m_idHolders.push_back(path); // draft-07: ignored beside $ref
    } else if (const auto id = node.find("$id"); id != node.end() && id->is_string()) {
        const QUrl uri = resolved(base, id->get<std::string>());
        m_idHolders.push_back(path);
        if (uri.isValid()) {
            const std::string document = withoutFragment(uri);
            if (document != withoutFragment(QUrl(QString::fromStdString(base))) || path.empty()) {
                m_ids.emplace(document, path);
                scope = document;
            }
            if (const QString anchor = uri.fragment(QUrl::FullyDecoded); !anchor.isEmpty() && !anchor.startsWith(u'/'))
                m_ids.emplace(document + '#' + anchor.toStdString(), path);
        }
    }

    for (const char *keyword : kInPlaceSingle) {
        if (const auto it = node.find(keyword); it != node.end())
            walkChild(*it, memberPath(path, keyword), scope, depth, applies, path);
    }
    for (const char *keyword : kInPlaceLists) {
        const auto list = node.find(keyword);
        if (list == node.end() || !list->is_array())
            continue;
        for (std::size_t i = 0; i < list->size(); ++i)
            walkChild((*list)[i], memberPath(memberPath(path, keyword), std::to_string(i)), scope, depth, applies, path);
    }
    if (const auto deps = node.find("dependencies"); deps != node.end() && deps->is_object()) {
        for (auto &[name, dependency] : deps->items()) {
            if (!dependency.is_array())
                walkChild(dependency, memberPath(memberPath(path, "dependencies"), name), scope, depth, applies, path);
        }
    }
    for (const char *keyword : kDescendingSingle) {
        if (const auto it = node.find(keyword); it != node.end())
            walkChild(*it, memberPath(path, keyword), scope, depth, false, path);
    }
    if (const auto items = node.find("items"); items != node.end()) {
        if (items->is_array()) {
            for (std::size_t i = 0; i < items->size(); ++i)
                walkChild((*items)[i], memberPath(memberPath(path, "items"), std::to_string(i)), scope, depth, false, path);
        } else {
            walkChild(*items, memberPath(path, "items"), scope, depth, false, path);
        }
    }
    for (const char *keyword : kDescendingMaps) {
        if (const auto map = node.find(keyword); map != node.end() && map->is_object()) {
            for (auto &[name, schema] : map->items())
                walkChild(schema, memberPath(memberPath(path, keyword), name), scope, depth, false, path);
        }
    }
    if (const auto map = node.find("definitions"); map != node.end() && map->is_object()) {
        for (auto &[name, schema] : map->items())
            walk(schema, memberPath(memberPath(path, "definitions"), name), scope, depth + 1); // used through $refs only
    }
}

void SchemaBundler::walkChild(json &node, const std::string &path, const std::string &base, int depth, bool inPlace,
                              const std::string &parent)
{
    if (inPlace)
        m_inPlace[parent].push_back(path);
    m_children[parent].push_back(path);
    walk(node, path, base, depth + 1);
}

std::string SchemaBundler::locate(const Reference &ref)
{
    const std::string where = memberPath(ref.holder, "$ref");
    // ref.uri is a normalised document URI (or the base in effect), '#', then the fragment as written.
    const std::size_t hash = ref.uri.find('#');
    const std::string document = ref.uri.substr(0, hash);
    const std::string fragment = hash == std::string::npos
        ? std::string()
        : QUrl::fromPercentEncoding(QByteArray::fromStdString(ref.uri.substr(hash + 1))).toStdString();
    const bool anchor = !fragment.empty() && fragment.front() != '/';
    const std::string key = anchor ? document + '#' + fragment : document;
    if (!m_ids.count(key) && !m_ids.count(document) && !load(document)) {
        refuse(where, "\"" + ref.text + "\" refers to " + document
                        + ", outside the schema: Hookscope resolves references inside the schema file and to the "
                          "draft-07 meta-schema only");
    }
    const auto found = m_ids.find(key);
    if (found == m_ids.end())
        refuse(where, "\"" + ref.text + "\": no subschema has the \"$id\" \"#" + fragment + "\"");
    std::string target = found->second + (anchor ? std::string() : fragment);
    bool exists = false;
    try {
        exists = m_root->contains(json::json_pointer(target));
    } catch (const json::exception &) {
        refuse(where, "\"" + ref.text + "\" is not a valid JSON pointer (RFC 6901)");
    }
    if (!exists)
        refuse(where, "\"" + ref.text + "\" points to nothing in the schema");
    // A place the walk did not reach as a subschema ("#/$defs/x", or inside an enum): walk it now
    // so its references, $ids and in-place applicators count too, and copy it rather than move it.
    if (!m_walked.count(target)) {
        m_foreign.insert(target);
        walk(m_root->at(json::json_pointer(target)), target, document, 0);
    }
    return target;
}

bool SchemaBundler::load(const std::string &documentUri)
{
    const QString uri = QString::fromStdString(documentUri);
    std::optional<QByteArray> text = MetaSchema::document(uri);
    if (!text && m_loader)
        text = m_loader(uri);
    if (!text)
        return false;
    if (++m_documents > kMaxDocuments)
        refuse(std::string(), "refers to more than " + std::to_string(kMaxDocuments) + " other documents");
    json document;
    try {
        if (text->contains('\0'))
            refuse(std::string(), documentUri + " is not JSON: it holds a NUL byte");
        document = json::parse(text->begin(), text->end());
    } catch (const json::exception &e) {
        refuse(std::string(), documentUri + " is not JSON: " + e.what());
    }
    json &slotArray = (*m_root)[kSlotsKeyword];
    const std::string path = memberPath(memberPath(std::string(), kSlotsKeyword), std::to_string(slotArray.size()));
    slotArray.push_back(std::move(document));
    m_slotOrigins.push_back(documentUri + '#');
    m_ids.emplace(documentUri, path);
    walk(slotArray.back(), path, documentUri, 0);
    return true;
}

void SchemaBundler::refuseCycles() const
{
    std::map<std::string, std::vector<std::string>> inPlace = m_inPlace;
    for (const Reference &ref : m_refs)
        inPlace[ref.holder].push_back(ref.target);
    // Iterative depth-first search; a node met again while still on the path closes a cycle. In
    // post-order, the longest chain of in-place steps below each node.
    enum class Mark { OnPath, Done };
    std::map<std::string, Mark> marks;
    std::map<std::string, std::size_t> chain;
    for (const auto &[start, unused] : inPlace) {
        if (marks.count(start))
            continue;
        std::vector<std::pair<std::string, std::size_t>> path{{start, 0}};
        marks[start] = Mark::OnPath;
        while (!path.empty()) {
            auto &[node, next] = path.back();
            const auto out = inPlace.find(node);
            if (out == inPlace.end() || next >= out->second.size()) {
                std::size_t longest = 0;
                if (out != inPlace.end()) {
                    for (const std::string &to : out->second)
                        longest = std::max(longest, chain[to] + 1);
                }
                if (longest > kMaxInPlaceChain) {
                    refuse(originalPlace(node), "more than " + std::to_string(kMaxInPlaceChain)
                                                    + " references and allOf/anyOf/oneOf/not/if steps in a row");
                }
                chain[node] = longest;
                marks[node] = Mark::Done;
                path.pop_back();
                continue;
            }
            const std::string to = out->second[next++];
            const auto mark = marks.find(to);
            if (mark == marks.end()) {
                marks[to] = Mark::OnPath;
                path.emplace_back(to, 0);
            } else if (mark->second == Mark::OnPath) {
                std::string cycle;
                bool in = false;
                for (const auto &[step, unusedNext] : path) {
                    in = in || step == to;
                    if (in)
                        cycle += originalPlace(step.empty() ? std::string("#") : step) + " → ";
                }
                cycle += originalPlace(to.empty() ? std::string("#") : to);
                refuse(originalPlace(memberPath(path.back().first, "$ref")),
                       "reference cycle " + cycle + " never reaches a member or item: validation would not end");
            }
        }
    }
}

void SchemaBundler::refuseDeepGraphs() const
{
    // valijson builds a referenced subschema where it first meets it, recursing on the machine
    // stack: the depth of a first-visit depth-first walk through every subschema and $ref is its
    // depth. 180,000 chained $refs overflowed it.
    std::map<std::string, std::vector<std::string>> edges = m_children;
    for (const Reference &ref : m_refs)
        edges[ref.holder].push_back(ref.target);
    std::set<std::string> seen{std::string()};
    std::vector<std::pair<std::string, std::size_t>> path{{std::string(), 0}};
    while (!path.empty()) {
        auto &[node, next] = path.back();
        const auto out = edges.find(node);
        if (out == edges.end() || next >= out->second.size()) {
            path.pop_back();
            continue;
        }
        const std::string to = out->second[next++];
        if (!seen.insert(to).second)
            continue;
        if (path.size() >= kMaxGraphDepth) {
            refuse(originalPlace(to), "reached through more than " + std::to_string(kMaxGraphDepth)
                                          + " nested subschemas and references");
        }
        path.emplace_back(to, 0);
    }
}

void SchemaBundler::moveTargets()
{
    // Deepest first: a target inside another moves before it, and then travels inside it as a $ref.
    std::vector<std::string> targets;
    for (const Reference &ref : m_refs)
        targets.push_back(ref.target);
    std::sort(targets.begin(), targets.end(), [](const std::string &a, const std::string &b) {
        return depthOf(a) != depthOf(b) ? depthOf(a) > depthOf(b) : a < b;
    });
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());

    json &slotArray = (*m_root)[kSlotsKeyword];
    const std::string slotsPath = memberPath(std::string(), kSlotsKeyword);
    std::map<std::string, std::string> refOf; // target -> the $ref that reaches it afterwards
    std::size_t nextSlot = slotArray.size();
    for (const std::string &target : targets) {
        const bool documentRoot = target.empty()
            || (target.rfind(slotsPath + '/', 0) == 0 && depthOf(target) == 2);
        refOf[target] = '#' + (documentRoot ? target : memberPath(slotsPath, std::to_string(nextSlot++)));
    }
    // Refs first (their holders may move below), then the scopes they no longer need.
    for (const Reference &ref : m_refs)
        m_root->at(json::json_pointer(ref.holder))["$ref"] = refOf[ref.target];
    for (const std::string &holder : m_idHolders)
        m_root->at(json::json_pointer(holder)).erase("$id");
    for (const std::string &target : targets) {
        const std::string &ref = refOf[target];
        if (ref == '#' + target)
            continue;
        json &place = m_root->at(json::json_pointer(target));
        m_slotOrigins.push_back(target);
        if (m_foreign.count(target)) { // an enum or const keeps its value
            slotArray.push_back(place);
        } else {
            slotArray.push_back(std::move(place));
            place = json{{"$ref", ref}};
        }
    }
}

std::string SchemaBundler::originalPlace(std::string message) const
{
    const std::string prefix = memberPath(std::string(), kSlotsKeyword) + '/';
    while (message.rfind(prefix, 0) == 0) {
        std::size_t end = prefix.size();
        while (end < message.size() && message[end] >= '0' && message[end] <= '9')
            ++end;
        const std::size_t slot = std::stoul(message.substr(prefix.size(), end - prefix.size()));
        if (slot >= m_slotOrigins.size())
            break;
        message = m_slotOrigins[slot] + message.substr(end);
    }
    return message;
}

} // namespace hookscope
