#include "EventSearchWorker.h"

#include "query/QueryPaths.h"

#include <QLoggingCategory>

#include <algorithm>

namespace hookscope {

namespace {
constexpr qint64 kWindow = 4096; // ids per SQL round: small enough to notice a newer search quickly
Q_LOGGING_CATEGORY(lcSearch, "hookscope.ui.search")
} // namespace

EventSearchWorker::EventSearchWorker(const std::atomic<quint64> *generation)
    : m_generation(generation)
{
}

EventSearchWorker::~EventSearchWorker() = default;

const EventStore *EventSearchWorker::store(const QString &storePath)
{
    if (!m_store || m_openPath != storePath) {
        m_store = std::make_unique<EventStore>();
        QString error;
        if (!m_store->open(storePath, &error)) {
            qCWarning(lcSearch) << "cannot open the store for searching:" << error;
            m_store.reset();
            return nullptr;
        }
        m_openPath = storePath;
    }
    return m_store.get();
}

QStringList EventSearchWorker::paths(const QString &storePath, const QString &kind)
{
    const EventStore *reader = store(storePath);
    return reader ? QueryPaths::seen(*reader, kind) : QStringList();
}

std::optional<QSet<qint64>> EventSearchWorker::search(const QString &storePath, const EventFilter &filter,
                                                      quint64 generation, qint64 *upToId)
{
    const EventStore *reader = store(storePath);
    if (!reader)
        return QSet<qint64>();
    QSet<qint64> found;
    const qint64 maxId = reader->maxId();
    if (upToId)
        *upToId = maxId;
    qint64 after = 0;
    // Up to the search index's watermark one query through the index answers (each doclist
    // read once, not sought again per window); the events above it, not indexed yet, are
    // tested in windows like a scan, so that a newer search stops it.
    if (filter.textIndexQuery()) {
        if (const std::optional<EventStore::TextBacklog> backlog = reader->textBacklog(); backlog && backlog->after > 0) {
            after = std::min(backlog->after, maxId);
            for (const qint64 id : reader->matchingIds(filter, 0, after))
                found.insert(id);
        }
    }
    // Kind, validity and the rest go through their indexes in one query; only a text search or
    // a query (either may inflate bodies) goes window by window, to notice a newer search early.
    const qint64 window = filter.filtersText() || filter.predicate ? kWindow : std::max<qint64>(maxId, 1);
    for (; after < maxId; after += window) {
        if (m_generation->load() != generation)
            return std::nullopt;
        const QList<qint64> ids = reader->matchingIds(filter, after, after + window);
        for (const qint64 id : ids)
            found.insert(id);
    }
    return found;
}

} // namespace hookscope
