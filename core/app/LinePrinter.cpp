#include "LinePrinter.h"

namespace hookscope {

LinePrinter::LinePrinter(FILE *stream)
    : m_stream(stream)
    , m_thread([this] { run(); })
{
}

LinePrinter::~LinePrinter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void LinePrinter::print(QByteArray line)
{
    {
        std::lock_guard lock(m_mutex);
        m_lines.push_back(std::move(line));
        ++m_queuedCount;
    }
    m_wake.notify_one();
}

void LinePrinter::print(QList<QByteArray> lines)
{
    if (lines.isEmpty())
        return;
    {
        std::lock_guard lock(m_mutex);
        for (QByteArray &line : lines)
            m_lines.push_back(std::move(line));
        m_queuedCount += quint64(lines.size());
    }
    m_wake.notify_one();
}

void LinePrinter::flush()
{
    std::unique_lock lock(m_mutex);
    const quint64 target = m_queuedCount;
    m_written.wait(lock, [&] { return m_writtenCount >= target; });
}

void LinePrinter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stop || !m_lines.empty(); });
        if (m_lines.empty() && m_stop)
            return;
        std::deque<QByteArray> lines;
        lines.swap(m_lines);
        lock.unlock();
        for (const QByteArray &line : lines) {
            std::fwrite(line.constData(), 1, size_t(line.size()), m_stream);
            std::fputc('\n', m_stream);
        }
        std::fflush(m_stream);
        lock.lock();
        m_writtenCount += quint64(lines.size());
        m_written.notify_all();
    }
}

} // namespace hookscope
