#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <utility>

namespace hookscope::test {

// One run of the built `hookscope` binary as a child process, for the tests of its commands.
struct CommandRun
{
    int exitCode = -1; // -1: it crashed, could not start or did not finish in time
    QByteArray out;
    QByteArray err;
};

// What else a run needs, said by name: CommandSetup().withInput(body).withTimeout(10'000).
struct CommandSetup
{
    QByteArray input; // written to its stdin, which is then closed
    QList<std::pair<QString, QString>> environment; // set over the test's own environment
    int timeoutMs = 60'000;

    CommandSetup &withInput(const QByteArray &bytes);
    CommandSetup &withEnvironment(const QString &name, const QString &value);
    CommandSetup &withTimeout(int ms);
};

[[nodiscard]] CommandRun runHookscope(const QStringList &args, const CommandSetup &setup = {});

// A run of a command that reports in text (validate, translations): stdout and stderr as UTF-8.
struct TextRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

[[nodiscard]] TextRun runHookscopeText(const QStringList &args, const CommandSetup &setup = {});

} // namespace hookscope::test
