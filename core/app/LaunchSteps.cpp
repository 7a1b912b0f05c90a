#include "LaunchSteps.h"

#include "app/HeadlessRunner.h"
#include "platform/SignalWatcher.h"
#include "session/CaptureSession.h"

#include <QCoreApplication>

namespace hookscope {

QStringList identifyApplication(int argc, char *argv[], const QString &version)
{
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationVersion(version);
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    return args;
}

void printText(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

std::optional<int> parseOrAnswer(const QStringList &args, AppOptions *options)
{
    QString error;
    switch (CommandLine::parse(args, options, &error)) {
    case ParseOutcome::Help:
        printText(stdout, CommandLine::helpText());
        return 0;
    case ParseOutcome::Version:
        printText(stdout, QStringLiteral("hookscope %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    case ParseOutcome::Error:
        printText(stderr, QStringLiteral("hookscope: %1\n").arg(error));
        return 2;
    case ParseOutcome::Run:
        break;
    }
    return std::nullopt;
}

int runHeadlessUntilSignalled(QCoreApplication &app, const AppOptions &options)
{
    CaptureSession session;
    HeadlessRunner runner(&session, options);
    if (const int rc = runner.start())
        return rc;
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, &QCoreApplication::quit);
    const int rc = app.exec();
    runner.shutdown();
    return rc;
}

} // namespace hookscope
