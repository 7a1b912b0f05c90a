#pragma once

#include <QString>
#include <QStringList>

namespace hookscope {

class EventStore;

// The body paths seen in the stored events of one kind, for the filter box's completion:
// "body.data.status", "body.items[0].id", sorted, from the newest kNewest events of the kind
// (arrays by their first element only), at most kMaxPaths. Runs on the search thread.
class QueryPaths final
{
public:
    QueryPaths() = delete;
    static constexpr int kNewest = 200;
    static constexpr int kMaxPaths = 400;
    static constexpr int kMaxDepth = 8;

    [[nodiscard]] static QStringList seen(const EventStore &store, const QString &kind);
    // The paths of one JSON body (tested on its own).
    static void collect(const QByteArray &body, QStringList *paths);
};

} // namespace hookscope
