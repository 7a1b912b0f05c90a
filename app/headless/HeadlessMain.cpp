// The headless-only hookscope of the portable build (HOOKSCOPE_PORTABLE_ONLY): the same command
// line as app/main.cpp, without a window (that one needs QtWidgets, which this build leaves out).
#include "app/LaunchSteps.h"
#include "app/Subcommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    using namespace hookscope;
    const QStringList args = identifyApplication(argc, argv, QStringLiteral(HOOKSCOPE_VERSION));
    QCoreApplication app(argc, argv);
    if (isSubcommand(args))
        return runSubcommand(args);

    AppOptions options;
    if (const std::optional<int> answered = parseOrAnswer(args, &options))
        return *answered;
    if (!options.headless) {
        printText(stderr, QStringLiteral("hookscope: no display in this build (HOOKSCOPE_PORTABLE_ONLY has no window).\n"
                                         "Run without a window instead: hookscope --headless\n"));
        return 2;
    }
    return runHeadlessUntilSignalled(app, options);
}
