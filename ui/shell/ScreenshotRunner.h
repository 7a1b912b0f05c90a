#pragma once

#include "app/AppOptions.h"

#include <QByteArray>
#include <QList>

namespace hookscope {

class MainWindow;

// `hookscope --screenshot FILE.png`: opens the window offscreen on a temporary store, posts
// a few realistic webhooks to its own receiver (port 0), selects one and saves grab().
// `--screenshot respond:FILE.png` shows the Respond panel on a held Before Book hook instead.
class ScreenshotRunner final
{
public:
    struct Sample
    {
        QByteArray method;
        QByteArray target;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };

    // Creates the QApplication itself (offscreen) and returns the exit code.
    [[nodiscard]] static int run(int argc, char *argv[], AppOptions options);
    [[nodiscard]] static QList<Sample> samples();
    // Sends the samples to `port` and waits until the window shows them all.
    [[nodiscard]] static bool postSamples(MainWindow &window, quint16 port, QString *error);
};

} // namespace hookscope
