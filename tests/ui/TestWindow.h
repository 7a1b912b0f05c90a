#pragma once

#include "MainWindow.h"

#include <QSize>
#include <QTemporaryDir>

#include <memory>

namespace hookscope {

// The window tests' one fixture: a temporary folder for the store, the options every window
// test starts from (that store, port 0, normal sync) and the MainWindow built on them, shown
// and exposed. Inspection is the fake inspector unless a test asks for the real one. The
// window is constructed in build() only, so a change to how MainWindow is made is made there.
class TestWindow final
{
public:
    enum class Inspection { Fake, Real };
    // Whether show() insists that the receiver listens once the window is shown (a window on a
    // damaged store, for one, starts it only after the store's check).
    enum class Receiving { Now, Later };

    // Call once from initTestCase(): keeps the user's QSettings untouched.
    static void useTestSettings(const QString &application = QStringLiteral("hookscope-tests"));
    // A shown window on options(); null (with the reason in *error) when it cannot.
    static std::unique_ptr<TestWindow> open(QString *error);

    explicit TestWindow(Inspection inspection = Inspection::Fake);
    ~TestWindow();
    TestWindow(const TestWindow &) = delete;
    TestWindow &operator=(const TestWindow &) = delete;

    [[nodiscard]] bool hasFolder() const { return m_dir.isValid(); }
    [[nodiscard]] QString filePath(const QString &name) const { return m_dir.filePath(name); }
    [[nodiscard]] QString folder() const { return m_dir.path(); }
    [[nodiscard]] QString dbPath() const { return filePath(QStringLiteral("events.sqlite")); }
    [[nodiscard]] AppOptions options() const;

    // A window on options, not shown; the one place a test constructs a MainWindow.
    [[nodiscard]] std::unique_ptr<MainWindow> build(const AppOptions &options) const;
    // Replaces the window by one on options, shown at size() and exposed; false with *error.
    bool show(const AppOptions &options, QString *error, Receiving receiving = Receiving::Now);
    bool show(QString *error) { return show(options(), error); }
    // Destroys the window; the folder stays, so the next show() reopens the same store.
    void close();

    [[nodiscard]] MainWindow *window() const { return m_window.get(); }
    void setSize(QSize size) { m_size = size; }

private:
    QTemporaryDir m_dir;
    Inspection m_inspection;
    QSize m_size{1100, 800};
    std::unique_ptr<MainWindow> m_window; // destroyed before the folder it writes into
};

} // namespace hookscope
