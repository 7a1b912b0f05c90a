// The headless-only hookscope of the portable build (HOOKSCOPE_PORTABLE_ONLY): the same command
// line as ui/AppLauncher, without a window (that one needs QtWidgets, which this build leaves out).
#include "app/AppOptions.h"
#include "app/HeadlessRunner.h"
#include "app/Subcommands.h"
#include "platform/SignalWatcher.h"

#include <QCoreApplication>
#include <cstdio>

namespace {

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

} // namespace

int main(int argc, char *argv[])
{
    using namespace hookscope;
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));

    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    QCoreApplication app(argc, argv);
    if (isSubcommand(args))
        return runSubcommand(args);

    AppOptions options;
    QString error;
    switch (CommandLine::parse(args, &options, &error)) {
    case ParseOutcome::Help:
        print(stdout, CommandLine::helpText());
        return 0;
    case ParseOutcome::Version:
        print(stdout, QStringLiteral("hookscope %1\n").arg(QStringLiteral(HOOKSCOPE_VERSION)));
        return 0;
    case ParseOutcome::Error:
        print(stderr, QStringLiteral("hookscope: %1\n").arg(error));
        return 2;
    case ParseOutcome::Run:
        break;
    }
    if (!options.headless) {
        print(stderr, QStringLiteral("hookscope: no display in this build (HOOKSCOPE_PORTABLE_ONLY has no window).\n"
                                     "Run without a window instead: hookscope --headless\n"));
        return 2;
    }
    HeadlessRunner runner(options);
    if (const int rc = runner.start())
        return rc;
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, &QCoreApplication::quit);
    const int rc = app.exec();
    runner.shutdown();
    return rc;
}
