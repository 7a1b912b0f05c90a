#pragma once

#include "app/AppOptions.h"

#include <QStringList>
#include <cstdio>
#include <optional>

class QCoreApplication;

namespace hookscope {

// The steps both mains take (app/main.cpp with the window, app/headless in the portable build).
// Names the application (organisation and application "hookscope": QSettings, QStandardPaths)
// and its version; returns argv as strings.
[[nodiscard]] QStringList identifyApplication(int argc, char *argv[], const QString &version);

// Writes text to a standard stream in the locale's encoding.
void printText(FILE *stream, const QString &text);

// Parses the command line into *options. Help, version and errors are answered here: their exit
// code comes back; std::nullopt means "run".
[[nodiscard]] std::optional<int> parseOrAnswer(const QStringList &args, AppOptions *options);

// Headless mode until SIGINT or SIGTERM (core/platform/SignalWatcher), then a clean shutdown.
[[nodiscard]] int runHeadlessUntilSignalled(QCoreApplication &app, const AppOptions &options);

} // namespace hookscope
