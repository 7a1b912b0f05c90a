#include "EventSearch.h"

#include "EventSearchWorker.h"

#include <QPointer>
#include <QThread>

namespace hookscope {

EventSearch::EventSearch(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new EventSearchWorker(&m_generation))
{
    m_thread->setObjectName(QStringLiteral("event-search"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start(QThread::LowPriority);
}

EventSearch::~EventSearch()
{
    cancel();
    m_thread->quit();
    m_thread->wait();
}

quint64 EventSearch::start(const QString &text, const EventFilter &filter)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    const QString path = m_storePath;
    QPointer<EventSearch> self(this);
    QMetaObject::invokeMethod(m_worker, [self, worker = m_worker, path, filter, text, generation] {
        qint64 upToId = 0;
        auto found = worker->search(path, filter, generation, &upToId);
        if (!found)
            return;
        // Back to the GUI thread; `self` may be gone by then.
        QMetaObject::invokeMethod(self.data(), [self, text, filter, generation, upToId, ids = std::move(*found)] {
            if (!self || self->m_generation.load() != generation)
                return;
            self->m_running = false;
            Q_EMIT self->finished(generation, text, filter, ids, upToId);
        });
    });
    return generation;
}

void EventSearch::collectPaths(const QString &kind)
{
    const QString path = m_storePath;
    QPointer<EventSearch> self(this);
    QMetaObject::invokeMethod(m_worker, [self, worker = m_worker, path, kind] {
        const QStringList paths = worker->paths(path, kind);
        QMetaObject::invokeMethod(self.data(), [self, kind, paths] {
            if (self)
                Q_EMIT self->pathsSeen(kind, paths);
        });
    });
}

void EventSearch::startOrder(EventStore::ViewOrder order, int column)
{
    const QString path = m_storePath;
    QPointer<EventSearch> self(this);
    QMetaObject::invokeMethod(m_worker, [self, worker = m_worker, path, order, column] {
        const EventStore *store = worker->store(path);
        if (!store)
            return;
        std::optional<QList<qint64>> ids = store->viewIds({}, order, false, store->maxId());
        if (!ids)
            return;
        QMetaObject::invokeMethod(self.data(), [self, column, ids = std::move(*ids)] {
            if (self)
                Q_EMIT self->orderReady(column, ids);
        });
    });
}

void EventSearch::startHistory()
{
    const QString path = m_storePath;
    QPointer<EventSearch> self(this);
    QMetaObject::invokeMethod(m_worker, [self, worker = m_worker, path] {
        const EventStore *store = worker->store(path);
        QList<qint64> ids = store ? store->ids() : QList<qint64>();
        QStringList kinds = store ? store->kindsSeen() : QStringList();
        QMetaObject::invokeMethod(self.data(), [self, ids = std::move(ids), kinds = std::move(kinds)] {
            if (self)
                Q_EMIT self->historyReady(ids, kinds);
        });
    });
}

void EventSearch::cancel()
{
    ++m_generation;
    m_running = false;
}

} // namespace hookscope
