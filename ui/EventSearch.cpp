#include "EventSearch.h"

#include "EventSearchWorker.h"
#include "event/HttpMessage.h"
#include "event/Event.h"

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

void EventSearch::start(const QString &text)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    const QByteArray needle = needleFor(text);
    const QString path = m_storePath;
    QPointer<EventSearch> self(this);
    QMetaObject::invokeMethod(m_worker, [self, worker = m_worker, path, needle, text, generation] {
        auto found = worker->search(path, needle, generation);
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

void EventSearch::cancel()
{
    ++m_generation;
    m_running = false;
}

bool EventSearch::matches(const Event &event, const QByteArray &loweredNeedle)
{
    if (loweredNeedle.isEmpty())
        return true;
    const auto has = [&](const QByteArray &text) { return text.toLower().contains(loweredNeedle); };
    return has(event.target) || has(serializeHeaders(event.headers)) || has(event.body)
        || (event.decodedBody && has(*event.decodedBody));
}

} // namespace hookscope
