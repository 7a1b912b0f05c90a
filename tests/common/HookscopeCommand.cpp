#include "HookscopeCommand.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace hookscope::test {

CommandSetup &CommandSetup::withInput(const QByteArray &bytes)
{
    input = bytes;
    return *this;
}

CommandSetup &CommandSetup::withEnvironment(const QString &name, const QString &value)
{
    environment.append({name, value});
    return *this;
}

CommandSetup &CommandSetup::withTimeout(int ms)
{
    timeoutMs = ms;
    return *this;
}

CommandRun runHookscope(const QStringList &args, const CommandSetup &setup)
{
    QProcess process;
    if (!setup.environment.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const auto &[name, value] : setup.environment)
            environment.insert(name, value);
        process.setProcessEnvironment(environment);
    }
    process.start(QStringLiteral(HOOKSCOPE_BINARY), args);
    if (!process.waitForStarted(10'000))
        return {};
    process.write(setup.input);
    process.closeWriteChannel();
    if (!process.waitForFinished(setup.timeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
        return {};
    }
    CommandRun run;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

TextRun runHookscopeText(const QStringList &args, const CommandSetup &setup)
{
    const CommandRun run = runHookscope(args, setup);
    return {run.exitCode, QString::fromUtf8(run.out), QString::fromUtf8(run.err)};
}

} // namespace hookscope::test
