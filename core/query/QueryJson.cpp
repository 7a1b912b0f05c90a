#include "QueryJson.h"

#include "util/JsonNesting.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

namespace hookscope {

struct QueryJson::Doc
{
    nlohmann::json value;
};

QueryJson::QueryJson(std::unique_ptr<Doc> doc)
    : m_doc(std::move(doc))
{
}
QueryJson::QueryJson(QueryJson &&) noexcept = default;
QueryJson &QueryJson::operator=(QueryJson &&) noexcept = default;
QueryJson::~QueryJson() = default;

std::optional<QueryJson> QueryJson::parse(const QByteArray &body)
{
    if (jsonNestingDepth(body, kMaxDepth) > kMaxDepth)
        return std::nullopt;
    auto doc = std::make_unique<Doc>();
    // A repeated member keeps its first value, as SQLite's json_extract() finds it.
    // Members seen per object depth (the callback's depth: an object's keys come one level
    // below its start); an object's start clears its level, as no object_end is reported for
    // an object inside a discarded member.
    std::vector<std::unordered_set<std::string>> seen;
    const auto firstWins = [&seen](int depth, nlohmann::json::parse_event_t event, nlohmann::json &parsed) {
        using E = nlohmann::json::parse_event_t;
        const auto level = std::size_t(std::max(depth, 0));
        if (event == E::object_start) {
            if (seen.size() < level + 2)
                seen.resize(level + 2);
            seen[level + 1].clear();
        } else if (event == E::key) {
            if (seen.size() < level + 1)
                seen.resize(level + 1);
            return seen[level].insert(parsed.get<std::string>()).second;
        }
        return true;
    };
    doc->value = nlohmann::json::parse(body.constBegin(), body.constEnd(), firstWins, false);
    if (doc->value.is_discarded())
        return std::nullopt;
    return QueryJson(std::move(doc));
}

QueryJson::Found QueryJson::find(const QList<BodyStep> &path) const
{
    const nlohmann::json *at = &m_doc->value;
    for (const BodyStep &step : path) {
        if (step.index >= 0) {
            if (!at->is_array() || std::size_t(step.index) >= at->size())
                return {};
            at = &(*at)[std::size_t(step.index)];
        } else {
            if (!at->is_object())
                return {};
            const auto it = at->find(step.key.toStdString());
            if (it == at->end())
                return {};
            at = &*it;
        }
    }
    Found found;
    using T = Found::Type;
    switch (at->type()) {
    case nlohmann::json::value_t::null:
        found.type = T::Null;
        break;
    case nlohmann::json::value_t::boolean:
        found.type = at->get<bool>() ? T::True : T::False;
        break;
    case nlohmann::json::value_t::number_integer:
        found.type = T::Integer;
        found.integer = at->get<qint64>();
        break;
    case nlohmann::json::value_t::number_unsigned: {
        const auto u = at->get<std::uint64_t>();
        if (u <= std::uint64_t(std::numeric_limits<qint64>::max())) {
            found.type = T::Integer;
            found.integer = qint64(u);
        } else {
            found.type = T::Real;
            found.real = double(u);
        }
        break;
    }
    case nlohmann::json::value_t::number_float:
        found.type = T::Real;
        found.real = at->get<double>();
        break;
    case nlohmann::json::value_t::string: {
        const std::string &s = at->get_ref<const std::string &>();
        found.type = T::Text;
        found.text = QByteArray(s.data(), qsizetype(s.size()));
        break;
    }
    default:
        found.type = T::Container;
        break;
    }
    return found;
}

} // namespace hookscope
