#include "EventSearchWorker.h"

#include "query/QueryPaths.h"

#include <QLoggingCategory>

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

bool EventSearchWorker::openStore(const QString &storePath)
{
    if (!m_store || m_openPath != storePath) {
        m_store = std::make_unique<EventStore>();
        QString error;
        if (!m_store->open(storePath, &error)) {
            qCWarning(lcSearch) << "cannot open the store for searching:" << error;
            m_store.reset();
            return false;
        }
        m_openPath = storePath;
    }
    return true;
}

QStringList EventSearchWorker::paths(const QString &storePath, const QString &kind)
{
    return openStore(storePath) ? QueryPaths::seen(*m_store, kind) : QStringList();
}

std::optional<QSet<qint64>> EventSearchWorker::search(const QString &storePath, const EventFilter &filter,
                                                      quint64 generation)
{
    if (!openStore(storePath))
        return QSet<qint64>();
    QSet<qint64> found;
    const qint64 maxId = m_store->maxId();
    qint64 after = 0;
    // Up to the search index's watermark one query through the index answers (each doclist
    // read once, not sought again per window); the events above it, not indexed yet, are
    // tested in windows like a scan, so that a newer search stops it.
    if (filter.textIndexQuery()) {
        if (const std::optional<EventStore::TextBacklog> backlog = m_store->textBacklog(); backlog && backlog->after > 0) {
            after = std::min(backlog->after, maxId);
            for (const qint64 id : m_store->matchingIds(filter, 0, after))
                found.insert(id);
        }
    }
    for (; after < maxId; after += kWindow) {
        if (m_generation->load() != generation)
            return std::nullopt;
        const QList<qint64> ids = m_store->matchingIds(filter, after, after + kWindow);
        for (const qint64 id : ids)
            found.insert(id);
    }
    return found;
}

} // namespace hookscope
