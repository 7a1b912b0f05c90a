// hookscope: the command line and the mode switch — the window, --headless, --screenshot or a
// sub-command. The capture engine is core/session/CaptureSession in every mode; the window
// (ui/MainWindow) and the headless printer (core/app/HeadlessRunner) only show it.
#include "MainWindow.h"
#include "ScreenshotRunner.h"
#include "SystemTheme.h"
#include "app/AppOptions.h"
#include "app/AppSettings.h"
#include "app/LaunchSteps.h"
#include "app/Subcommands.h"
#include "enrich/DefaultInspector.h"
#include "platform/SignalWatcher.h"
#include "platform/ThreadPriority.h"
#include "session/CaptureSession.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>

namespace {

using namespace hookscope;

constexpr int kGuiThreadNice = 19;

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
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
    CaptureSession session; // outlives the window, which shuts it down when it closes
    // The window only shows: when the CPU is short, the session's capture thread (made above,
    // at the normal priority) and the store writer it starts answer senders first, and the GUI
    // thread catches up with bigger batches. Threads the GUI thread starts later inherit this.
    lowerCurrentThreadPriority(kGuiThreadNice);
    MainWindow window(&session, withSettings);
    window.show();
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &window, &QWidget::close);
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    const QStringList args = identifyApplication(argc, argv, QStringLiteral(HOOKSCOPE_VERSION));
    if (isSubcommand(args)) {
        QCoreApplication app(argc, argv);
        return runSubcommand(args);
    }
    AppOptions options;
    if (const std::optional<int> answered = parseOrAnswer(args, &options))
        return *answered;
    if (options.headless) {
        QCoreApplication app(argc, argv);
        return runHeadlessUntilSignalled(app, options);
    }
    if (!options.screenshotPath.isEmpty())
        return ScreenshotRunner::run(argc, argv, options);
    if (!hasDisplay()) {
        printText(stderr, QStringLiteral("hookscope: no display found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                                         "Run without a window instead: hookscope --headless   (from the source tree: make run ARGS=--headless)\n"));
        return 2;
    }
    return runGui(argc, argv, options);
}
