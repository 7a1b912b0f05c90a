#pragma once

#include <QString>

namespace hookscope {

class MainWindow;

// `hookscope --screenshot respond:FILE.png`: the main window with the Respond panel open on a
// sample Before Book hook that is held waiting for its answer (the preset buttons, the
// answer's fields, the countdown), next to a few other sample events. The hook is answered
// with "accept" once the picture is taken.
class RespondScreenshot final
{
public:
    static constexpr auto kPrefix = "respond:";

    // The window must be shown and listening; returns false with *error set.
    [[nodiscard]] static bool shoot(MainWindow &window, const QString &output, QString *error);
};

} // namespace hookscope
