#include "TestWindow.h"

#include "FakeInspector.h"
#include "session/CaptureSession.h"
#include "enrich/DefaultInspector.h"
#include "http/Receiver.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>

namespace hookscope {

void TestWindow::useTestSettings(const QString &application)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(application);
}

std::unique_ptr<TestWindow> TestWindow::open(QString *error)
{
    auto test = std::make_unique<TestWindow>();
    return test->show(error) ? std::move(test) : nullptr;
}

TestWindow::TestWindow(Inspection inspection)
    : m_inspection(inspection)
{
}

TestWindow::~TestWindow() = default;

AppOptions TestWindow::options() const
{
    AppOptions o;
    o.dbPath = dbPath();
    o.receiver.port = 0;
    o.portGiven = true;
    o.sync = SyncMode::Normal;
    return o;
}

std::unique_ptr<MainWindow> TestWindow::build(const AppOptions &options) const
{
    return std::make_unique<MainWindow>(std::make_unique<CaptureSession>(), options,
                                        m_inspection == Inspection::Fake ? FakeInspector::inspect : defaultInspector());
}

bool TestWindow::show(const AppOptions &options, QString *error, Receiving receiving)
{
    m_window.reset(); // one window on the store at a time
    if (!hasFolder()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    m_window = build(options);
    m_window->resize(m_size);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get())) {
        *error = QStringLiteral("the window was not exposed");
        return false;
    }
    if (receiving == Receiving::Now && !m_window->session()->isListening()) {
        *error = QStringLiteral("not listening: ") + m_window->session()->errorString();
        return false;
    }
    return true;
}

void TestWindow::close()
{
    m_window.reset();
}

} // namespace hookscope
