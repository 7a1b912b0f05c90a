#pragma once

#include "MainWindow.h"

#include <QTemporaryDir>

#include <memory>

namespace hookscope {

// A shown MainWindow on a fresh store in a temporary folder, receiving on a free port, with the
// fake inspector; QSettings in Qt's test location. For window-level tests.
class TestWindow final
{
public:
    // Call once from initTestCase(): keeps the user's QSettings untouched.
    static void useTestSettings();
    // Opens the window; null (with the reason in *error) when it cannot.
    static std::unique_ptr<TestWindow> open(QString *error);

    [[nodiscard]] MainWindow *window() const { return m_window.get(); }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window; // destroyed before the folder it writes into
};

} // namespace hookscope
