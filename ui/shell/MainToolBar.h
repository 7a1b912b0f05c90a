#pragma once

#include <QToolBar>

class QAction;
class QSpinBox;

namespace hookscope {

class PublicUrlBox;

// Start/stop, the port, copy URL, clear and pause auto-scroll. Emits what the user asked
// for; MainWindow decides what happens.
class MainToolBar final : public QToolBar
{
    Q_OBJECT
public:
    explicit MainToolBar(QWidget *parent = nullptr);

    void setListening(bool listening);
    [[nodiscard]] quint16 port() const;
    void setPort(quint16 port);
    [[nodiscard]] bool isPaused() const;

    [[nodiscard]] QAction *startStopAction() const { return m_startStop; }
    [[nodiscard]] QAction *copyUrlAction() const { return m_copyUrl; }
    [[nodiscard]] QAction *clearAction() const { return m_clear; }
    // A panel's show/hide toggle (the Respond dock's), placed right after Clear so that it
    // stays on the bar at 1024 px instead of behind the overflow "»" (issue 24).
    void addPanelToggle(QAction *toggle);
    [[nodiscard]] QAction *pauseAction() const { return m_pause; }
    // "Simulate failures": the answer rules' switch (issue 26); checkable, MainWindow wires it.
    [[nodiscard]] QAction *simulateAction() const { return m_simulate; }
    // The ngrok tunnel: "Start ngrok" and the public URL with its copy button (hidden without one).
    [[nodiscard]] QAction *ngrokAction() const { return m_ngrok; }
    [[nodiscard]] PublicUrlBox *publicUrlBox() const { return m_publicUrl; }
    void setPublicUrl(const QString &url);

protected:
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    void startRequested(quint16 port);
    void stopRequested();
    void copyUrlRequested();
    void clearRequested();
    void pauseToggled(bool paused);

private:
    QAction *m_startStop;
    QSpinBox *m_port;
    QAction *m_copyUrl;
    QAction *m_clear;
    QAction *m_pause;
    QAction *m_simulate;
    QAction *m_ngrok;
    PublicUrlBox *m_publicUrl;
    QAction *m_publicUrlAction = nullptr; // shows or hides m_publicUrl in the bar
    bool m_listening = false;
};

} // namespace hookscope
