#include "LiveImport.h"

#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QList>
#include <QThread>
#include <memory>

namespace hookscope {

ImportResult LiveImport::run(EventRecorder *recorder, const QString &path, const ImportControl &control,
                             const std::atomic<bool> *stop)
{
    ImportResult result;
    QString error;
    if (!recorder->runOnWriter([&](EventStore *store) { result = EventImporter::importInto(store, path, control); },
                               &error)) {
        result.unreadable = true;
        result.error = error;
        return result;
    }
    if (!result.ok || result.imported == 0)
        return result;

    EventStore reader; // this thread's own read connection
    if (!reader.open(recorder->path(), &error))
        return result; // stored; the rows appear the next time the store is opened
    const auto stopped = [stop] { return stop && stop->load(std::memory_order_relaxed); };
    const bool wait = QThread::currentThread() != recorder->thread();
    const auto pending = std::make_shared<std::atomic<int>>(0);
    qint64 afterId = result.firstId - 1;
    while (afterId < result.lastId && !stopped()) {
        QList<Event> window;
        const qint64 visited = reader.visitEvents(afterId, kReportWindow, [&](const Event &event, const auto &) {
            afterId = event.id;
            if (event.id > result.lastId)
                return false;
            window.append(event);
            return true;
        });
        if (visited <= 0)
            break;
        // At most one window on its way to the recorder's thread at a time.
        while (wait && pending->load() > 0 && !stopped())
            QThread::msleep(2);
        if (!window.isEmpty()) {
            pending->fetch_add(1);
            recorder->announceStored(window, [pending] { pending->fetch_sub(1); });
        }
    }
    return result;
}

} // namespace hookscope
