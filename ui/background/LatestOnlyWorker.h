#pragma once

#include <QObject>
#include <QThreadPool>
#include <memory>
#include <utility>

namespace hookscope {

// Runs one piece of work at a time on a worker thread and hands its result back on this
// object's (the GUI) thread, for work proportional to a body's size that must not freeze the
// window. The newest request wins: start() or cancel() make the result of any earlier request
// be dropped, and a queued request that has not begun is not started at all.
class LatestOnlyWorker final : public QObject
{
    Q_OBJECT
public:
    // Bodies above this many bytes are worth a worker (as TranslationLoader::kDefaultSyncLimit).
    static constexpr qsizetype kSyncLimit = 256 * 1024;

    explicit LatestOnlyWorker(QObject *parent = nullptr);
    ~LatestOnlyWorker() override; // waits for running work; its result is dropped

    // `work` runs on the worker and must touch only what it captured by value; `apply(result)`
    // runs later on this object's thread unless a newer start() or cancel() came first.
    template<typename Work, typename Apply>
    void start(Work work, Apply apply);
    void cancel();
    [[nodiscard]] bool isBusy() const { return m_busy; }
    bool waitForDone(int msecs = -1) { return m_pool.waitForDone(msecs); }

private:
    [[nodiscard]] quint64 begin();
    [[nodiscard]] bool finish(quint64 generation);

    QThreadPool m_pool;
    quint64 m_generation = 0;
    bool m_busy = false;
};

template<typename Work, typename Apply>
void LatestOnlyWorker::start(Work work, Apply apply)
{
    const quint64 generation = begin();
    m_pool.start([this, generation, work = std::move(work), apply = std::move(apply)] {
        // Shared so the queued call stays copyable whatever the result type.
        auto result = std::make_shared<decltype(work())>(work());
        QMetaObject::invokeMethod(
            this,
            [this, generation, apply, result] {
                if (finish(generation))
                    apply(std::move(*result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace hookscope
