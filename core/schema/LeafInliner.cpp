#include "LeafInliner.h"

#include "LeafRules.h"
#include "SchemaRewriter.h"

#include <QByteArray>
#include <QUrl>

#include <algorithm>

namespace hookscope {

using json = nlohmann::json;

LeafInliner::LeafInliner(std::vector<std::unique_ptr<LeafRules>> *rules, std::vector<std::string> containers,
                         std::vector<std::string> refTargets)
    : m_rules(rules)
    , m_containers(std::move(containers))
    , m_refTargets(std::move(refTargets))
{
}

namespace {

// Keywords that constrain nothing: a subschema with only these (and our leaf keyword) is a leaf.
bool isAnnotation(const std::string &key)
{
    static const char *const annotations[]
        = {"$comment", "title",    "description", "default",     "examples",         "$schema",
           "$id",      "readOnly", "writeOnly",   "definitions", "contentMediaType", "contentEncoding"};
    for (const char *a : annotations) {
        if (key == a)
            return true;
    }
    return false;
}

} // namespace

LeafRules &LeafInliner::rulesOf(json &node)
{
    const auto it = node.find(SchemaRewriter::kLeafKeyword);
    if (it != node.end())
        return *(*m_rules)[it->get<std::size_t>()];
    m_rules->push_back(std::make_unique<LeafRules>());
    const std::size_t index = m_rules->size() - 1;
    node[SchemaRewriter::kLeafKeyword] = index;
    return *(*m_rules)[index];
}

std::pair<bool, const LeafRules *> LeafInliner::leafOf(const json &root, const json *node) const
{
    for (int hops = 0; node->is_object() && node->contains("$ref"); ++hops) {
        const json &ref = node->at("$ref");
        if (hops > 32 || !ref.is_string() || ref.get_ref<const std::string &>().rfind('#', 0) != 0)
            return {false, nullptr};
        const std::string pointer
            = QUrl::fromPercentEncoding(QByteArray::fromStdString(ref.get<std::string>().substr(1))).toStdString();
        try {
            node = &root.at(json::json_pointer(pointer));
        } catch (const json::exception &) {
            return {false, nullptr};
        }
    }
    if (node->is_boolean())
        return {node->get<bool>(), nullptr};
    if (!node->is_object())
        return {false, nullptr};
    const LeafRules *rules = nullptr;
    for (const auto &[key, value] : node->items()) {
        if (key == SchemaRewriter::kLeafKeyword)
            rules = (*m_rules)[value.get<std::size_t>()].get();
        else if (!isAnnotation(key))
            return {false, nullptr};
    }
    return {true, rules};
}

bool LeafInliner::referencedBelow(const std::string &path) const
{
    for (const std::string &target : m_refTargets) {
        if (target.size() > path.size() && target.compare(0, path.size(), path) == 0 && target[path.size()] == '/')
            return true;
    }
    return false;
}

bool LeafInliner::inlineMembers(json &root, json &node, const std::string &path)
{
    const auto properties = node.find("properties");
    if (properties == node.end() || !properties->is_object() || node.contains("$ref"))
        return false;
    bool closed = false;
    if (const auto ap = node.find("additionalProperties"); ap != node.end()) {
        const bool forbiddenRule = ap->is_object() && ap->size() == 1 && ap->contains(SchemaRewriter::kLeafKeyword)
            && (*m_rules)[ap->at(SchemaRewriter::kLeafKeyword).get<std::size_t>()]->forbiddenKeyword
                == "additionalProperties";
        if (!ap->is_boolean() && !forbiddenRule)
            return false; // a schema for the other members: valijson's job
        closed = forbiddenRule || !ap->get<bool>();
    }
    if (referencedBelow(SchemaRewriter::childPath(path, "properties")))
        return false;

    std::vector<LeafRules::MemberRule> members;
    for (const auto &[name, schema] : properties->items()) {
        const auto [leaf, rules] = leafOf(root, &schema);
        if (!leaf)
            return false;
        members.push_back({name, rules, -1, true});
    }
    std::vector<std::string> required;
    if (const auto list = node.find("required"); list != node.end()) {
        if (!list->is_array())
            return false;
        for (const json &name : *list) {
            if (!name.is_string())
                return false;
            required.push_back(name.get<std::string>());
        }
    }
    std::sort(required.begin(), required.end());
    required.erase(std::unique(required.begin(), required.end()), required.end());
    std::sort(members.begin(), members.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    for (std::size_t i = 0; i < required.size(); ++i) {
        auto it = std::lower_bound(members.begin(), members.end(), required[i],
                                   [](const LeafRules::MemberRule &m, const std::string &n) { return m.name < n; });
        if (it == members.end() || it->name != required[i])
            it = members.insert(it, {required[i], nullptr, -1, false});
        it->requiredIndex = int(i);
    }

    LeafRules &rules = rulesOf(node);
    rules.ownsMembers = true;
    rules.closed = closed;
    rules.members = std::move(members);
    rules.required = std::move(required);
    node.erase("properties");
    node.erase("additionalProperties");
    node.erase("required");
    return true;
}

bool LeafInliner::inlineItems(json &root, json &node, const std::string &path)
{
    const auto items = node.find("items");
    if (items == node.end() || items->is_array() || node.contains("$ref")
        || referencedBelow(SchemaRewriter::childPath(path, "items")))
        return false;
    const auto [leaf, itemRules] = leafOf(root, &*items);
    if (!leaf)
        return false;
    LeafRules &rules = rulesOf(node);
    rules.ownsItems = true;
    rules.itemRules = itemRules;
    node.erase("items");
    return true;
}

void LeafInliner::run(json &root)
{
    // Children were listed before their parents, but a $ref can point "up" the list: repeat
    // until nothing changes.
    bool changed = true;
    while (changed) {
        changed = false;
        for (auto it = m_containers.begin(); it != m_containers.end();) {
            json *node = nullptr;
            try {
                node = &root.at(json::json_pointer(*it));
            } catch (const json::exception &) {
                it = m_containers.erase(it); // inside a subtree inlined already
                continue;
            }
            const bool members = inlineMembers(root, *node, *it);
            const bool items = inlineItems(root, *node, *it);
            changed = changed || members || items;
            const auto rest = node->find("items");
            if (!node->contains("properties") && (rest == node->end() || rest->is_array()))
                it = m_containers.erase(it);
            else
                ++it;
        }
    }
}

} // namespace hookscope
