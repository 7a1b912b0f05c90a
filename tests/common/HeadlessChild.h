#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace hookscope::test {

// A `hookscope --headless` child process on port 0 over the store `dbPath`, killed at the end
// if it still runs. With `home`, XDG_CONFIG_HOME and XDG_DATA_HOME are home/config and
// home/data, so no settings, kinds, presets or secrets of the machine running the tests count.
class HeadlessChild final
{
public:
    explicit HeadlessChild(const QString &dbPath, const QStringList &extra = {}, const QString &home = {});
    ~HeadlessChild();
    HeadlessChild(const HeadlessChild &) = delete;
    HeadlessChild &operator=(const HeadlessChild &) = delete;

    // The next line of its stdout without the newline, waiting up to `ms`; empty when none came.
    [[nodiscard]] QByteArray line(int ms = 10000);
    // Reads the first line ("Listening on http://127.0.0.1:PORT/"): the port, or 0.
    [[nodiscard]] quint16 readPort();
    [[nodiscard]] QByteArray firstLine() const { return m_firstLine; }
    [[nodiscard]] QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_firstLine;
};

} // namespace hookscope::test
