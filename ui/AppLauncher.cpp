#include "AppLauncher.h"

#include "MainWindow.h"
#include "ScreenshotRunner.h"
#include "SystemTheme.h"
#include "app/AppOptions.h"
#include "app/AppSettings.h"
#include "enrich/DefaultInspector.h"
#include "app/LaunchSteps.h"
#include "platform/SignalWatcher.h"
#include "app/Subcommands.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QSettings>
#include <cstdio>

namespace hookscope {

namespace {

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

int runHeadless(int argc, char *argv[], const AppOptions &options)
{
    QCoreApplication app(argc, argv);
    return runHeadlessUntilSignalled(app, options);
}

int runGui(int argc, char *argv[], const AppOptions &options)
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Hookscope"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hookscope.Hookscope"));
    SystemTheme::apply(app);
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.hookscope.Hookscope"),
                                                 QIcon(QStringLiteral(":/icons/hookscope.svg"))));
    // The Settings dialog's values; an option given on the command line wins.
    AppOptions withSettings = options;
    QSettings settings;
    QStringList problems;
    AppSettings::apply(settings, &withSettings, &problems);
    for (const QString &problem : std::as_const(problems))
        printText(stderr, QStringLiteral("hookscope: %1\n").arg(problem));
    AppSettings::applyKinds(settings, appSchemaRegistry());
    MainWindow window(withSettings);
    window.show();
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &window, &QWidget::close);
    return app.exec();
}

} // namespace

int AppLauncher::run(int argc, char *argv[])
{
    const QStringList args = identifyApplication(argc, argv, QStringLiteral(HOOKSCOPE_VERSION));

    if (isSubcommand(args)) {
        QCoreApplication app(argc, argv);
        return runSubcommand(args);
    }

    AppOptions options;
    if (const std::optional<int> answered = parseOrAnswer(args, &options))
        return *answered;
    if (options.headless)
        return runHeadless(argc, argv, options);
    if (!options.screenshotPath.isEmpty())
        return ScreenshotRunner::run(argc, argv, options);
    if (!hasDisplay()) {
        printText(stderr, QStringLiteral("hookscope: no display found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                                     "Run without a window instead: hookscope --headless   (from the source tree: make run ARGS=--headless)\n"));
        return 2;
    }
    return runGui(argc, argv, options);
}

} // namespace hookscope
