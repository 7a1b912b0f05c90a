#include "QueryPaths.h"

#include "QueryJson.h"
#include "store/EventStore.h"

#include <nlohmann/json.hpp>

#include <QRegularExpression>
#include <QSet>

namespace hookscope {

namespace {

// A member name that reads back as one dotted step; others are written as a pointer.
bool plainKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*$"));
    return re.match(key).hasMatch();
}

void walk(const nlohmann::json &value, const QString &path, int depth, QSet<QString> *out)
{
    if (out->size() >= QueryPaths::kMaxPaths || depth > QueryPaths::kMaxDepth)
        return;
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            const QString key = QString::fromStdString(it.key());
            if (!plainKey(key))
                continue; // completion offers what is typed without quoting
            const QString child = path + u'.' + key;
            out->insert(child);
            walk(it.value(), child, depth + 1, out);
        }
    } else if (value.is_array() && !value.empty()) {
        const QString child = path + QStringLiteral("[0]");
        out->insert(child);
        walk(value.front(), child, depth + 1, out);
    }
}

} // namespace

void QueryPaths::collect(const QByteArray &body, QStringList *paths)
{
    if (QueryJson::parse(body) == std::nullopt)
        return;
    const nlohmann::json value = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    QSet<QString> found(paths->begin(), paths->end());
    walk(value, QStringLiteral("body"), 0, &found);
    *paths = QStringList(found.begin(), found.end());
    paths->sort();
}

QStringList QueryPaths::seen(const EventStore &store, const QString &kind)
{
    EventFilter filter;
    filter.kind = kind;
    QList<qint64> ids = store.matchingIds(filter, 0, store.maxId());
    ids = ids.mid(std::max<qsizetype>(0, ids.size() - kNewest));
    QStringList paths;
    (void)store.visitEvents(ids, [&paths](const Event &event, const std::optional<EventInfo> &) {
        collect(event.displayBody(), &paths);
        return paths.size() < kMaxPaths;
    });
    return paths;
}

} // namespace hookscope
