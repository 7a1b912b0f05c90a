#include "TestWindow.h"

#include "FakeInspector.h"
#include "session/CaptureSession.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>

namespace hookscope {

void TestWindow::useTestSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope-tests"));
}

std::unique_ptr<TestWindow> TestWindow::open(QString *error)
{
    auto t = std::make_unique<TestWindow>();
    t->m_dir = std::make_unique<QTemporaryDir>();
    if (!t->m_dir->isValid()) {
        *error = QStringLiteral("no temporary folder");
        return nullptr;
    }
    AppOptions o;
    o.dbPath = t->m_dir->filePath(QStringLiteral("events.sqlite"));
    o.receiver.port = 0;
    o.portGiven = true;
    o.sync = SyncMode::Normal;
    t->m_window = std::make_unique<MainWindow>(o, FakeInspector::inspect);
    t->m_window->resize(1100, 800);
    t->m_window->show();
    if (!QTest::qWaitForWindowExposed(t->m_window.get())) {
        *error = QStringLiteral("the window was not exposed");
        return nullptr;
    }
    if (!t->m_window->session()->isListening()) {
        *error = t->m_window->session()->errorString();
        return nullptr;
    }
    return t;
}

} // namespace hookscope
