#include "ViewCounter.h"

#include "LatestOnlyWorker.h"
#include "query/EventQuery.h"
#include "enrich/DefaultInspector.h"
#include "store/EventStore.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

namespace hookscope {

namespace {
Q_LOGGING_CATEGORY(lcViews, "hookscope.ui.views")

} // namespace

// Runs on the worker thread; touches only its arguments.
ViewCounter::Counted ViewCounter::countInStore(const QString &path, const std::vector<std::optional<EventFilter>> &filters,
                                               const std::shared_ptr<std::atomic<bool>> &cancel)
{
    Counted result;
    EventStore store;
    QString error;
    if (!store.open(path, &error)) {
        qCWarning(lcViews) << "cannot open the store to count the saved views:" << error;
        return result;
    }
    result.base = store.maxId();
    result.counts.assign(filters.size(), -1);
    for (size_t i = 0; i < filters.size(); ++i) {
        if (!filters[i])
            continue;
        qint64 count = 0;
        for (qint64 after = 0; after < result.base; after += ViewCounter::kWindow) {
            if (cancel->load())
                return {};
            count += store.matchingIds(*filters[i], after, std::min(after + ViewCounter::kWindow, result.base)).size();
        }
        result.counts[i] = count;
    }
    result.ok = true;
    return result;
}

ViewCounter::ViewCounter(QObject *parent)
    : QObject(parent)
    , m_worker(new LatestOnlyWorker(this))
    , m_laterResults(new QTimer(this))
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    m_laterResults->setSingleShot(true);
    m_laterResults->setInterval(kLaterResultsDelayMs);
    connect(m_laterResults, &QTimer::timeout, this, [this] { countViews(&ViewCounter::readsLaterResults); });
}

ViewCounter::~ViewCounter()
{
    m_cancel->store(true);
    m_worker->cancel();
    m_worker->waitForDone();
}

void ViewCounter::setStorePath(const QString &path)
{
    m_storePath = path;
    recount();
}

void ViewCounter::setViews(const QList<SavedView> &views)
{
    const QueryContext context = EventQuery::contextFor(appKindCatalog());
    m_views.clear();
    m_views.resize(size_t(views.size()));
    for (qsizetype i = 0; i < views.size(); ++i) {
        View &view = m_views[size_t(i)];
        const QString text = views.at(i).query.trimmed();
        if (text.isEmpty()) {
            view.filter = EventFilter{}; // every event
        } else if (EventQuery::Result query = EventQuery::filterFor(text, context); query.ok()) {
            view.filter = std::move(query.filter);
        } else {
            view.error = query.error.toString();
        }
        Q_EMIT errorChanged(int(i), view.error);
    }
    recount();
}

void ViewCounter::recount()
{
    countViews([](const View &) { return true; });
}

void ViewCounter::countViews(const std::function<bool(const View &)> &which)
{
    m_laterResults->stop();
    m_cancel->store(true); // a count still running answers no more
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    std::vector<std::optional<EventFilter>> filters(m_views.size());
    bool any = false;
    for (size_t i = 0; i < m_views.size(); ++i) {
        View &view = m_views[i];
        // Views the cancelled count was counting are counted again, whatever `which` says.
        if (!view.filter || !(view.counting || which(view)))
            continue;
        view.counting = true;
        view.liveWhileCounting.clear();
        filters[i] = view.filter;
        any = true;
    }
    if (m_storePath.isEmpty() || !any) {
        m_worker->cancel();
        for (View &view : m_views)
            view.counting = false;
        return;
    }
    m_worker->start([path = m_storePath, filters = std::move(filters), cancel = m_cancel] {
        return countInStore(path, filters, cancel);
    },
                    [this](const Counted &counted) { takeCount(counted); });
}

void ViewCounter::takeCount(const Counted &counted)
{
    for (size_t i = 0; i < m_views.size(); ++i) {
        View &view = m_views[i];
        if (!view.counting)
            continue;
        view.counting = false;
        if (!counted.ok || i >= counted.counts.size() || counted.counts[i] < 0) {
            view.liveWhileCounting.clear(); // not known; the next count tells
            continue;
        }
        view.stored = counted.counts[i];
        view.base = counted.base;
        view.live = std::count_if(view.liveWhileCounting.cbegin(), view.liveWhileCounting.cend(),
                                  [base = view.base](qint64 id) { return id > base; });
        view.liveWhileCounting.clear();
        publish(int(i));
    }
}

void ViewCounter::addEvents(const QList<Event> &events)
{
    for (size_t i = 0; i < m_views.size(); ++i) {
        View &view = m_views[i];
        if (!view.filter)
            continue;
        qint64 matched = 0;
        for (const Event &event : events) {
            // As the filter box's live path: the event's later results are not known yet.
            if (!view.filter->matches(event, EventInfo{}))
                continue;
            if (view.counting)
                view.liveWhileCounting.append(event.id); // its base is not known yet
            else if (event.id > view.base)
                ++matched;
        }
        if (matched > 0) {
            view.live += matched;
            publish(int(i));
        }
    }
}

void ViewCounter::laterResultsArrived()
{
    if (m_laterResults->isActive())
        return;
    if (std::any_of(m_views.cbegin(), m_views.cend(), &ViewCounter::readsLaterResults))
        m_laterResults->start();
}

bool ViewCounter::readsLaterResults(const View &view)
{
    return view.filter && view.filter->predicate && view.filter->predicate->dependsOnLaterResults();
}

bool ViewCounter::isCounting() const
{
    return std::any_of(m_views.cbegin(), m_views.cend(), [](const View &view) { return view.counting; });
}

qint64 ViewCounter::count(int view) const
{
    if (view < 0 || size_t(view) >= m_views.size() || m_views[size_t(view)].stored < 0)
        return -1;
    return m_views[size_t(view)].stored + m_views[size_t(view)].live;
}

QString ViewCounter::viewError(int view) const
{
    return view < 0 || size_t(view) >= m_views.size() ? QString() : m_views[size_t(view)].error;
}

bool ViewCounter::waitForCount(int msecs)
{
    return m_worker->waitForDone(msecs);
}

void ViewCounter::publish(int view)
{
    Q_EMIT countChanged(view, count(view));
}

} // namespace hookscope
