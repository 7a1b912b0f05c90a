#include "EventSearch.h"

#include "EventSearchWorker.h"
#include "store/EventFilter.h"

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

void EventSearch::start(const QString &text, const EventFilter &filter)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    const QString path = m_storePath;
    QPointer<EventSearch> self(this);
    QMetaObject::invokeMethod(m_worker, [self, worker = m_worker, path, filter, text, generation] {
        auto found = worker->search(path, filter, generation);
        if (!found)
            return;
        // Back to the GUI thread; `self` may be gone by then.
        QMetaObject::invokeMethod(self.data(), [self, text, generation, ids = std::move(*found)] {
            if (!self || self->m_generation.load() != generation)
                return;
            self->m_running = false;
            Q_EMIT self->finished(text, ids);
        });
    });
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

void EventSearch::cancel()
{
    ++m_generation;
    m_running = false;
}

} // namespace hookscope
