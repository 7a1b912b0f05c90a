#include "TunnelController.h"

#include "MainToolBar.h"
#include "StatusBarPane.h"
#include "tunnel/NgrokProcess.h"
#include "tunnel/NgrokWatcher.h"

#include <QAction>
#include <QMessageBox>

namespace hookscope {

TunnelController::TunnelController(NgrokWatcher *watcher, const QUrl &api, MainToolBar *toolBar, StatusBarPane *status,
                                   QWidget *window)
    : QObject(window)
    , m_watcher(watcher)
    , m_process(new NgrokProcess(this))
    , m_toolBar(toolBar)
    , m_status(status)
    , m_window(window)
{
    m_watcher->setApi(api);
    connect(m_watcher, &NgrokWatcher::publicUrlChanged, this, &TunnelController::onPublicUrlChanged);
    connect(m_toolBar->ngrokAction(), &QAction::triggered, this, &TunnelController::toggleNgrok);
    connect(m_process, &NgrokProcess::runningChanged, this, &TunnelController::updateAction);
    connect(m_process, &NgrokProcess::exitedUnexpectedly, this, [this](const QString &output) {
        const QString last = output.section(QLatin1Char('\n'), -1).trimmed();
        Q_EMIT message(last.isEmpty() ? tr("ngrok exited") : tr("ngrok exited: %1").arg(last));
    });
    updateAction();
}

TunnelController::~TunnelController()
{
    // The toolbar may be gone already (window teardown): nothing may reach it now.
    m_process->disconnect(this);
    m_watcher->disconnect(this);
    m_process->stop();
}

void TunnelController::setPort(quint16 port)
{
    m_port = port;
    if (port == 0) {
        m_watcher->stop();
    } else {
        m_watcher->setPort(port);
        if (!m_watcher->isRunning())
            m_watcher->start();
    }
    updateAction();
}

QString TunnelController::publicUrl() const
{
    return m_watcher->publicUrl();
}

void TunnelController::toggleNgrok()
{
    if (m_process->isRunning()) {
        m_process->stop();
        Q_EMIT message(tr("ngrok stopped"));
        return;
    }
    if (!m_process->isAvailable()) {
        auto *box = new QMessageBox(QMessageBox::Information, tr("ngrok is not installed"), NgrokProcess::installHint(),
                                    QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("ngrokMissingBox"));
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    if (!m_process->start(m_port)) {
        Q_EMIT message(m_process->errorString());
        return;
    }
    Q_EMIT message(tr("ngrok started for port %1; the public URL appears once the tunnel is up").arg(m_port));
    m_watcher->poll();
}

void TunnelController::onPublicUrlChanged(const QString &url)
{
    m_toolBar->setPublicUrl(url);
    m_status->setPublicUrl(url);
}

void TunnelController::updateAction()
{
    QAction *action = m_toolBar->ngrokAction();
    const bool running = m_process->isRunning();
    action->setText(running ? tr("Stop &ngrok") : tr("Start &ngrok"));
    action->setEnabled(running || m_port != 0);
    action->setToolTip(running ? tr("Stop the ngrok tunnel Hookscope started")
                               : m_process->isAvailable() ? tr("Run `ngrok http %1` to get a public URL for this port").arg(m_port)
                                                          : tr("ngrok is not installed: click for how to get it"));
}

void TunnelController::setApi(const QUrl &api)
{
    m_watcher->setApi(api);
}

} // namespace hookscope
