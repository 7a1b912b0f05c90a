#pragma once

#include <QObject>
#include <QUrl>

class QAction;
class QWidget;

namespace hookscope {

class MainToolBar;
class NgrokProcess;
class NgrokWatcher;
class StatusBarPane;

// The window's ngrok side: watches the agent for a tunnel to the receiver's port and shows
// its public URL in the toolbar and the status bar; the toolbar's "Start ngrok" action runs
// `ngrok http PORT` (stopped again with the action or when the window goes), or explains how
// to install ngrok when it is not on PATH.
class TunnelController final : public QObject
{
    Q_OBJECT
public:
    // `watcher` (not owned: the CaptureSession's) must outlive this controller.
    TunnelController(NgrokWatcher *watcher, const QUrl &api, MainToolBar *toolBar, StatusBarPane *status,
                     QWidget *window);
    ~TunnelController() override;

    // The receiver listens on this port now (0: not listening; the watcher pauses).
    void setPort(quint16 port);
    // The ngrok agent to watch (the settings changed it).
    void setApi(const QUrl &api);
    [[nodiscard]] QString publicUrl() const;
    [[nodiscard]] NgrokWatcher *watcher() const { return m_watcher; }
    [[nodiscard]] NgrokProcess *process() const { return m_process; }
    // Starts or stops ngrok (the toolbar action).
    void toggleNgrok();

Q_SIGNALS:
    // A short message for the status bar.
    void message(const QString &text);

private:
    void onPublicUrlChanged(const QString &url);
    void updateAction();

    NgrokWatcher *m_watcher; // not owned
    NgrokProcess *m_process;
    MainToolBar *m_toolBar; // not owned
    StatusBarPane *m_status; // not owned
    QWidget *m_window; // not owned: parent of the explanation box
    quint16 m_port = 0;
};

} // namespace hookscope
