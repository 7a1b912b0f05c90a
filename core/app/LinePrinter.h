#pragma once

#include <QByteArray>
#include <QList>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

namespace hookscope {

// Writes whole lines to a stream (headless mode's stdout) from a thread of its own, in the
// order they were given. The thread that answers requests only queues: writing to a log file
// can block for a long time behind the filesystem's journal while the store syncs, and that
// must never hold up a response.
class LinePrinter final
{
public:
    explicit LinePrinter(FILE *stream);
    ~LinePrinter(); // writes everything queued, then stops
    LinePrinter(const LinePrinter &) = delete;
    LinePrinter &operator=(const LinePrinter &) = delete;

    void print(QByteArray line);
    void print(QList<QByteArray> lines);
    // Returns once every line queued before the call is written and flushed.
    void flush();

private:
    void run();

    FILE *m_stream;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_written;
    std::deque<QByteArray> m_lines;
    quint64 m_queuedCount = 0;
    quint64 m_writtenCount = 0;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace hookscope
