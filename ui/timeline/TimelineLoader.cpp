#include "TimelineLoader.h"

#include "store/EventStore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QThread>

namespace hookscope {

namespace {
constexpr int kPage = 8192; // summaries per read: a newer load stops the old one within a page
Q_LOGGING_CATEGORY(lcTimeline, "hookscope.ui.timeline")

// Lives on the loader's thread; keeps its store connection open between loads.
class TimelineWorker final : public QObject
{
public:
    std::unique_ptr<EventStore> store;
    QString openPath;

    [[nodiscard]] bool open(const QString &path)
    {
        if (store && openPath == path)
            return true;
        store = std::make_unique<EventStore>();
        QString error;
        if (!store->open(path, &error)) {
            qCWarning(lcTimeline) << "cannot open the store for the timeline:" << error;
            store.reset();
            return false;
        }
        openPath = path;
        return true;
    }
};
} // namespace

TimelineLoader::TimelineLoader(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new TimelineWorker)
{
    qRegisterMetaType<std::shared_ptr<TimelineTally>>();
    m_thread->setObjectName(QStringLiteral("timeline-loader"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start(QThread::LowPriority);
}

TimelineLoader::~TimelineLoader()
{
    cancel();
    m_thread->quit();
    m_thread->wait();
}

std::unique_ptr<TimelineTally> TimelineLoader::build(const EventStore &store, const std::optional<EventFilter> &filter,
                                                     qint64 *lastId, const std::function<bool()> &stale)
{
    auto tally = std::make_unique<TimelineTally>();
    qint64 after = 0;
    for (;;) {
        if (stale && stale())
            return nullptr;
        const QList<EventStore::TimelineRow> page = store.timelineRows(after, kPage);
        if (page.isEmpty())
            break;
        const qint64 last = page.constLast().id;
        QSet<qint64> matches;
        if (filter) {
            const QList<qint64> ids = store.matchingIds(*filter, after, last);
            matches = QSet<qint64>(ids.cbegin(), ids.cend());
        }
        for (const EventStore::TimelineRow &row : page) {
            // As a summary reads: a hook never answered is the held one; so is one the hold desk
            // answered, not one an answer rule (Simulate failures) did.
            tally->add(row.id, {.timeMs = row.receivedAtMs,
                                .responseStatus = row.responseStatus,
                                .held = row.responseStatus == 0 || row.holdAnswer,
                                .validity = row.validity,
                                .matched = !filter || matches.contains(row.id)});
        }
        after = last;
    }
    if (lastId)
        *lastId = after;
    return tally;
}

void TimelineLoader::load(const QString &storePath, const std::optional<EventFilter> &filter)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    QPointer<TimelineLoader> self(this);
    auto *worker = static_cast<TimelineWorker *>(m_worker);
    QMetaObject::invokeMethod(worker, [self, worker, storePath, filter, generation, counter = &m_generation] {
        // `counter` belongs to the loader, which waits for this thread before it goes.
        if (counter->load() != generation || !worker->open(storePath))
            return;
        qint64 lastId = 0;
        std::shared_ptr<TimelineTally> tally =
            build(*worker->store, filter, &lastId, [counter, generation] { return counter->load() != generation; });
        if (!tally)
            return;
        QMetaObject::invokeMethod(self.data(), [self, tally, lastId, generation] {
            if (!self || self->m_generation.load() != generation)
                return;
            self->m_running = false;
            Q_EMIT self->loaded(tally, lastId);
        });
    });
}

void TimelineLoader::cancel()
{
    ++m_generation;
    m_running = false;
}

} // namespace hookscope
