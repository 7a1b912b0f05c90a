#pragma once

#include "event/Event.h"
#include "query/SavedViewSet.h"
#include "store/EventFilter.h"

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace hookscope {

class LatestOnlyWorker;

// How many events each saved view matches, kept current without blocking the window: the
// store is counted on a worker thread (EventStore::matchingIds in id windows, its own read
// connection) when the views or the store change; events arriving meanwhile and after are
// tested in memory by the same EventFilter (the live path of the filter box), so a badge
// moves with each live batch. A view whose query reads results that come after the event
// (kind, validity, forwarding: EventPredicate::dependsOnLaterResults) is counted in the store
// again at most once a second while such results come in, as the filter box does.
class ViewCounter final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kWindow = 4096; // ids per SQL round: a newer count stops the old one soon
    static constexpr int kLaterResultsDelayMs = 1000;

    explicit ViewCounter(QObject *parent = nullptr);
    ~ViewCounter() override; // waits for a running count; its result is dropped

    void setStorePath(const QString &path);
    // Parses every view's query (errors: viewError) and counts them all in the store.
    void setViews(const QList<SavedView> &views);
    // The store changed under the views (cleared, events deleted, imported, history loaded).
    void recount();
    void addEvents(const QList<Event> &events);
    // Enrichment results or a forward's outcome arrived.
    void laterResultsArrived();

    [[nodiscard]] qint64 count(int view) const; // -1 while unknown
    [[nodiscard]] QString viewError(int view) const; // empty: the query parses
    [[nodiscard]] bool isCounting() const;
    bool waitForCount(int msecs); // tests and shutdown

Q_SIGNALS:
    void countChanged(int view, qint64 count);
    void errorChanged(int view, const QString &error);

private:
    struct View
    {
        std::optional<EventFilter> filter; // nullopt: the query does not parse
        QString error;
        qint64 stored = -1; // matches among ids <= base; -1 until counted
        qint64 base = 0; // the largest id in the store when it was counted
        qint64 live = 0; // matches with ids > base, tested in memory
        bool counting = false; // a count of this view runs
        QList<qint64> liveWhileCounting; // ids matched while it runs (its base is not known yet)
    };
    struct Counted
    {
        std::vector<qint64> counts; // per view; -1: not counted
        qint64 base = 0;
        bool ok = false;
    };
    // Counts the views `which` picks (and any a cancelled count was counting) on the worker.
    void countViews(const std::function<bool(const View &)> &which);
    void takeCount(const Counted &counted);
    [[nodiscard]] static bool readsLaterResults(const View &view);
    static Counted countInStore(const QString &path, const std::vector<std::optional<EventFilter>> &filters,
                                const std::shared_ptr<std::atomic<bool>> &cancel);
    void publish(int view);

    QString m_storePath;
    std::vector<View> m_views;
    LatestOnlyWorker *m_worker;
    QTimer *m_laterResults;
    std::shared_ptr<std::atomic<bool>> m_cancel; // the running count's: set when a newer one starts
};

} // namespace hookscope
