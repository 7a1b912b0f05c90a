#include "Classifier.h"

#include "JsonPointer.h"
#include "Kind.h"
#include "KindCatalog.h"

#include <QJsonArray>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace hookscope {

QString Classification::reasonName(Reason reason)
{
    switch (reason) {
    case Reason::Unknown: return QStringLiteral("unknown");
    case Reason::Route: return QStringLiteral("route");
    case Reason::Shape: return QStringLiteral("shape");
    case Reason::Forced: return QStringLiteral("forced");
    }
    return QString();
}

QString Classification::ambiguityNote() const
{
    if (sameShape.isEmpty())
        return QString();
    return QStringLiteral("%1 \u2014 same shape as %2; route the path to decide")
        .arg(kindId, sameShape.join(QLatin1String(", ")));
}

bool Classifier::routeMatches(const QString &route, const QString &path)
{
    if (!route.startsWith(QLatin1String("*/")))
        return route == path;
    // "*/service/actions/afterBookAppointment": the path ends with it, at a segment boundary
    // (or is it), whatever prefix the user put in front (an ngrok URL plus a path of theirs).
    const QStringView tail = QStringView(route).mid(1);
    return path.endsWith(tail) && (path.size() == tail.size() || tail.startsWith(u'/'));
}

Classifier::Classifier(std::shared_ptr<const KindCatalog> catalog)
    : m_catalog(std::move(catalog))
{
}

QString Classifier::pathOf(const QString &target)
{
    if (target.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || target.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        const QString path = QUrl(target).path(QUrl::FullyEncoded);
        return path.isEmpty() ? QStringLiteral("/") : path;
    }
    qsizetype end = target.indexOf(u'?');
    const qsizetype hash = target.indexOf(u'#');
    if (end < 0 || (hash >= 0 && hash < end))
        end = hash;
    return end < 0 ? target : target.left(end);
}

Classification Classifier::byRoute(const QString &target) const
{
    const QString path = pathOf(target);
    if (path.isEmpty())
        return {};
    const auto routed = [&](const QString &id) -> Classification {
        const std::shared_ptr<const Kind> kind = m_catalog->kind(id);
        if (!kind || !kind->request)
            return {};
        return {id, Classification::Reason::Route, 1.0};
    };
    const QHash<QString, QString> &userRoutes = m_catalog->userRoutes();
    if (const auto it = userRoutes.constFind(path); it != userRoutes.constEnd()) {
        if (Classification c = routed(*it); c.isKnown())
            return c;
    }
    // Patterns: the longest matching tail wins, so a user's more specific route beats a broad one.
    const QString *bestKind = nullptr;
    qsizetype bestLength = -1;
    for (auto it = userRoutes.constBegin(); it != userRoutes.constEnd(); ++it) {
        if (it.key().size() > bestLength && it.key().startsWith(u'*') && routeMatches(it.key(), path)) {
            bestKind = &it.value();
            bestLength = it.key().size();
        }
    }
    if (bestKind) {
        if (Classification c = routed(*bestKind); c.isKnown())
            return c;
    }
    for (const std::shared_ptr<const Kind> &kind : m_catalog->kinds()) {
        if (!kind->request)
            continue;
        for (const QString &route : kind->routes) {
            if (routeMatches(route, path))
                return {kind->id, Classification::Reason::Route, 1.0};
        }
    }
    return {};
}

namespace {

// What scoring needs from a body, for both JSON representations.
bool hasMember(const QJsonObject &body, const QString &name)
{
    return body.contains(name);
}

bool hasMember(const nlohmann::json &body, const QString &name)
{
    return body.contains(name.toStdString());
}

bool exists(const QJsonObject &body, const QString &pointer)
{
    return JsonPointer::resolve(body, pointer).has_value();
}

bool exists(const nlohmann::json &body, const QString &pointer)
{
    const std::optional<QStringList> tokens = JsonPointer::tokens(pointer);
    return tokens && JsonPointer::resolve(body, *tokens);
}

nlohmann::json toNlohmann(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool: return value.toBool();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? nlohmann::json(qint64(d)) : nlohmann::json(d);
    }
    case QJsonValue::String: return value.toString().toStdString();
    case QJsonValue::Array: {
        nlohmann::json array = nlohmann::json::array();
        for (const QJsonValue &item : value.toArray())
            array.push_back(toNlohmann(item));
        return array;
    }
    case QJsonValue::Object: {
        nlohmann::json object = nlohmann::json::object();
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            object[it.key().toStdString()] = toNlohmann(it.value());
        return object;
    }
    default: return nullptr;
    }
}

bool holds(const QJsonObject &body, const QString &pointer, const QJsonValue &value)
{
    const std::optional<QJsonValue> actual = JsonPointer::resolve(body, pointer);
    return actual && *actual == value;
}

bool holds(const nlohmann::json &body, const QString &pointer, const QJsonValue &value)
{
    const std::optional<QStringList> tokens = JsonPointer::tokens(pointer);
    const nlohmann::json *actual = tokens ? JsonPointer::resolve(body, *tokens) : nullptr;
    if (!actual)
        return false;
    if (value.isString()) // the usual discriminator: no conversion
        return actual->is_string() && actual->get_ref<const std::string &>() == value.toString().toStdString();
    return *actual == toNlohmann(value);
}

template<typename Body>
double scoreOf(const Kind &kind, const Body &body)
{
    const KindMatch &match = kind.match;
    if (!match.byShape)
        return 0;
    const qsizetype total = match.required.size() + Classifier::kDiscriminatorWeight * match.discriminatorCount();
    if (total == 0)
        return 0;
    qsizetype hits = 0;
    for (const QString &member : match.required)
        hits += hasMember(body, member) ? 1 : 0;
    for (const auto &[pointer, value] : match.equals)
        hits += holds(body, pointer, value) ? Classifier::kDiscriminatorWeight : 0;
    for (const QString &pointer : match.present)
        hits += exists(body, pointer) ? Classifier::kDiscriminatorWeight : 0;
    return double(hits) / double(total);
}

// Two kinds recognised by the very same rule: no body can tell them apart, only its path. (A
// tie of kinds with different rules is a body that breaks both, such as a wrong discriminator
// value: not the same shape.)
bool sameRule(const KindMatch &a, const KindMatch &b)
{
    QStringList required = a.required;
    QStringList otherRequired = b.required;
    required.sort();
    otherRequired.sort();
    return required == otherRequired && a.equals == b.equals && a.present == b.present;
}

// How much evidence a full match of the kind is: its members plus weighted discriminators.
qsizetype specificity(const Kind &kind)
{
    return kind.match.required.size() + Classifier::kDiscriminatorWeight * kind.match.discriminatorCount();
}

template<typename Body>
Classification bestShape(const KindCatalog &catalog, const Body &body)
{
    Classification best;
    const Kind *bestKind = nullptr;
    QList<const Kind *> tied; // kinds of bestKind's pack with its score and specificity
    for (const std::shared_ptr<const Kind> &kind : catalog.kinds()) {
        if (!kind->request)
            continue;
        const double s = scoreOf(*kind, body);
        if (s <= 0 || s < kind->match.minScore || s < best.score)
            continue;
        if (bestKind && s == best.score) {
            const qsizetype mine = specificity(*kind);
            const qsizetype theirs = specificity(*bestKind);
            if (mine < theirs)
                continue; // the kind that explains more of the body stays
            if (mine > theirs) {
                best.kindId = kind->id;
                bestKind = kind.get();
                tied.clear();
                continue;
            }
            // One rule, inside one pack: only the path can tell such kinds apart (Cubu's Before
            // and After Book Appointment share one body). The synchronous kind is picked:
            // a hand-sent test to a generic path is what reaches here, and answering a
            // synchronous hook at once would take the user's chance to answer it.
            if (!kind->pack.isEmpty() && kind->pack == bestKind->pack && sameRule(kind->match, bestKind->match)) {
                tied.append(kind.get());
                if (kind->isSynchronous() && !bestKind->isSynchronous()) {
                    tied.replace(tied.size() - 1, bestKind);
                    bestKind = kind.get();
                    best.kindId = kind->id;
                }
            }
            continue; // otherwise the kind listed first (user kinds before built-ins)
        }
        best = {kind->id, Classification::Reason::Shape, s};
        bestKind = kind.get();
        tied.clear();
    }
    for (const Kind *kind : std::as_const(tied))
        best.sameShape.append(kind->id);
    return best;
}

} // namespace

double Classifier::score(const Kind &kind, const QJsonObject &body)
{
    return scoreOf(kind, body);
}

double Classifier::score(const Kind &kind, const nlohmann::json &body)
{
    return body.is_object() ? scoreOf(kind, body) : 0;
}

Classification Classifier::byShape(const QJsonValue &body) const
{
    return body.isObject() ? bestShape(*m_catalog, body.toObject()) : Classification();
}

Classification Classifier::byShape(const nlohmann::json &body) const
{
    return body.is_object() ? bestShape(*m_catalog, body) : Classification();
}

Classification Classifier::classify(const nlohmann::json &body, const QString &target) const
{
    if (Classification routed = byRoute(target); routed.isKnown())
        return routed;
    return byShape(body);
}

Classification Classifier::classify(const QJsonValue &body, const QString &target) const
{
    if (Classification routed = byRoute(target); routed.isKnown())
        return routed;
    return byShape(body);
}

} // namespace hookscope
