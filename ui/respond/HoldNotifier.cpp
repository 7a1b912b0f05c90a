#include "HoldNotifier.h"

#include "hold/HoldDesk.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>
#include <algorithm>

namespace hookscope {

HoldNotifier::HoldNotifier(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

void HoldNotifier::notifyHeld(const HeldRequest &request)
{
    if (!m_window || m_window->isActiveWindow())
        return; // the highlighted row says it already
    ++m_notifications;
    const qint64 seconds = (request.deadlineAtMs - request.receivedAtMs + 999) / 1000;
    m_lastMessage = tr("%1 #%2 is waiting for your answer (%3 s)").arg(request.kind).arg(request.id).arg(seconds);
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
            m_tray->setToolTip(QStringLiteral("Hookscope"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, &HoldNotifier::activated);
            connect(m_tray, &QSystemTrayIcon::activated, this, &HoldNotifier::activated);
        }
        m_tray->show();
        m_tray->showMessage(QStringLiteral("Hookscope"), m_lastMessage, QSystemTrayIcon::Information,
                            int(std::clamp<qint64>(seconds * 1000, 2000, 30'000)));
    }
    QApplication::alert(m_window);
}

void HoldNotifier::setWaitingCount(int count)
{
    if (m_tray && count == 0)
        m_tray->hide();
}

} // namespace hookscope
