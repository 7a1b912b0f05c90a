#pragma once

#include "store/EventStore.h"

#include <QObject>

class QTimer;

namespace hookscope {

// Brings the summaries already in the store into the table, one chunk per event-loop
// turn, so a store with 100,000 events opens at once and fills within a fraction of a second
// while the window keeps painting.
class EventHistoryLoader final : public QObject
{
    Q_OBJECT
public:
    explicit EventHistoryLoader(QObject *parent = nullptr);

    // `store` must stay open until finished() (or stop()).
    void start(const EventStore *store, qint64 afterId = 0);
    void stop();
    [[nodiscard]] bool isLoading() const;
    void setChunkSize(int rows) { m_chunkSize = rows; }

Q_SIGNALS:
    void chunkLoaded(const QList<hookscope::EventSummary> &rows);
    void finished();

private:
    void loadChunk();

    const EventStore *m_store = nullptr; // not owned
    QTimer *m_timer;
    qint64 m_afterId = 0;
    int m_chunkSize = 4'000; // ~50 ms of SQL and model work per event-loop turn
};

} // namespace hookscope
