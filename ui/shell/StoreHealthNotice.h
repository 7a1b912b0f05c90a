#pragma once

#include <QMessageBox>
#include <QObject>
#include <QPointer>

class QWidget;

namespace hookscope {

class StatusBarPane;
class StoreHealthCheck;
struct StoreHealthReport;

// Checks the store once it is open (StoreHealthCheck, off the GUI thread) and, when events
// cannot be read, says so in the status bar and in a message box (not modal: capturing goes
// on) that names them and the way out. The damaged file is never touched.
class StoreHealthNotice final : public QObject
{
    Q_OBJECT
public:
    StoreHealthNotice(StatusBarPane *status, QWidget *window); // not owned; parented to window

    void check(const QString &storePath);
    [[nodiscard]] StoreHealthCheck *healthCheck() const { return m_check; }
    [[nodiscard]] QMessageBox *messageBox() const { return m_box; }

private:
    void show(const StoreHealthReport &report);

    StatusBarPane *m_status; // not owned
    QWidget *m_window; // not owned
    StoreHealthCheck *m_check;
    QPointer<QMessageBox> m_box;
};

} // namespace hookscope
