#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace hookscope {

struct HeldRequest;

// Says that a hook is waiting when the window is in the background: a tray message where a
// system tray exists (the icon appears only while something waits), and the taskbar alert
// (QApplication::alert) in any case.
class HoldNotifier final : public QObject
{
    Q_OBJECT
public:
    explicit HoldNotifier(QWidget *window);

    void notifyHeld(const HeldRequest &request);
    // Nothing waits any more: the tray icon goes.
    void setWaitingCount(int count);

    [[nodiscard]] int notificationCount() const { return m_notifications; }
    [[nodiscard]] QString lastMessage() const { return m_lastMessage; }

Q_SIGNALS:
    // The user clicked the tray message: bring the window forward.
    void activated();

private:
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr; // child, created on first use
    int m_notifications = 0;
    QString m_lastMessage;
};

} // namespace hookscope
