#pragma once

#include "Classification.h"

#include <QJsonObject>
#include <QJsonValue>

#include <nlohmann/json_fwd.hpp>

#include <memory>

namespace hookscope {

class KindCatalog;
struct Kind;

// Picks the kind of a request: an explicit route first (the user's exact paths, then the user's
// path patterns, then the kinds' own routes; query ignored), then the shape of the body. Response kinds (request: false) are never
// picked. Stateless apart from the catalog snapshot: use from any thread.
//
// Shape score of a kind for an object body, in [0, 1]:
//     (required members present + 2 × discriminators hit) / (required members + 2 × discriminators)
// where a discriminator is a match.equals pointer holding its value or a match.present pointer
// that exists. An event whose discriminator is broken (entity "X") still scores high on its
// members, so it is classified and its violation shown instead of being "unknown".
class Classifier final {
public:
    static constexpr int kDiscriminatorWeight = 2;

    explicit Classifier(std::shared_ptr<const KindCatalog> catalog);

    [[nodiscard]] Classification classify(const QJsonValue &body, const QString &target) const;
    [[nodiscard]] Classification byRoute(const QString &target) const;
    [[nodiscard]] Classification byShape(const QJsonValue &body) const;
    // The same for a body parsed by nlohmann (EventInspector parses once, for validation too).
    [[nodiscard]] Classification classify(const nlohmann::json &body, const QString &target) const;
    [[nodiscard]] Classification byShape(const nlohmann::json &body) const;

    [[nodiscard]] static double score(const Kind &kind, const QJsonObject &body);
    [[nodiscard]] static double score(const Kind &kind, const nlohmann::json &body);
    // A route is an exact path ("/hooks/jicoo") or the end of one ("*/service/actions/x" matches
    // "/anything/service/actions/x" and "/service/actions/x").
    [[nodiscard]] static bool routeMatches(const QString &route, const QString &path);
    // "/hooks/jicoo?x=1" -> "/hooks/jicoo"; "http://host:8080/a#f" -> "/a".
    [[nodiscard]] static QString pathOf(const QString &target);

private:
    std::shared_ptr<const KindCatalog> m_catalog;
};

} // namespace hookscope
