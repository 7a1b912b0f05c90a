#include "MainToolBar.h"

#include "PublicUrlBox.h"
#include "Theme.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QSpinBox>
#include <QStyle>

namespace hookscope {

MainToolBar::MainToolBar(QWidget *parent)
    : QToolBar(tr("Receiver"), parent)
    , m_startStop(new QAction(this))
    , m_port(new QSpinBox(this))
    , m_copyUrl(new QAction(tr("Copy URL"), this))
    , m_clear(new QAction(tr("Clear"), this))
    , m_pause(new QAction(tr("Pause scrolling"), this))
    , m_simulate(new QAction(tr("Simulate &failures"), this))
    , m_ngrok(new QAction(tr("Start &ngrok"), this))
    , m_publicUrl(new PublicUrlBox(this))
{
    setObjectName(QStringLiteral("mainToolBar"));
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setToolTip(tr("TCP port to listen on; 0 picks a free one"));
    m_port->setAccelerated(true);

    m_startStop->setObjectName(QStringLiteral("startStopAction"));
    m_copyUrl->setObjectName(QStringLiteral("copyUrlAction"));
    m_copyUrl->setIcon(Theme::toolIcon(Theme::ToolGlyph::Link, palette())); // the style's reads as a blank page
    m_copyUrl->setToolTip(tr("Copy the URL webhooks should be sent to"));
    m_copyUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    m_clear->setObjectName(QStringLiteral("clearAction"));
    m_clear->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    m_clear->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_clear->setToolTip(tr("Delete every event from the store (Ctrl+L)"));
    m_pause->setObjectName(QStringLiteral("pauseAction"));
    m_pause->setCheckable(true);
    m_pause->setIcon(Theme::toolIcon(Theme::ToolGlyph::Pause, palette()));
    m_pause->setToolTip(tr("Keep the table where it is while events arrive"));
    m_simulate->setObjectName(QStringLiteral("simulateFailuresAction"));
    m_simulate->setCheckable(true);
    m_simulate->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_simulate->setToolTip(tr("Answer matching requests by the answer rules (Settings › Answer rules): "
                              "failures, delays, dropped connections"));

    addAction(m_startStop);
    addSeparator();
    auto *portLabel = new QLabel(tr("Port "), this);
    portLabel->setTextFormat(Qt::PlainText);
    addWidget(portLabel);
    addWidget(m_port);
    addAction(m_copyUrl);
    addSeparator();
    m_ngrok->setObjectName(QStringLiteral("ngrokAction"));
    m_ngrok->setIcon(style()->standardIcon(QStyle::SP_DriveNetIcon));
    addAction(m_ngrok);
    m_publicUrlAction = addWidget(m_publicUrl);
    m_publicUrlAction->setVisible(false);
    addSeparator();
    addAction(m_pause);
    addAction(m_simulate);
    addAction(m_clear);

    connect(m_startStop, &QAction::triggered, this, [this] {
        if (m_listening)
            Q_EMIT stopRequested();
        else
            Q_EMIT startRequested(port());
    });
    connect(m_copyUrl, &QAction::triggered, this, &MainToolBar::copyUrlRequested);
    connect(m_clear, &QAction::triggered, this, &MainToolBar::clearRequested);
    connect(m_pause, &QAction::toggled, this, &MainToolBar::pauseToggled);
    setListening(false);
}

void MainToolBar::setListening(bool listening)
{
    m_listening = listening;
    m_startStop->setText(listening ? tr("Stop") : tr("Start"));
    m_startStop->setIcon(Theme::toolIcon(listening ? Theme::ToolGlyph::Stop : Theme::ToolGlyph::Start, palette()));
    m_startStop->setToolTip(listening ? tr("Stop receiving") : tr("Start receiving on the port"));
    m_port->setEnabled(!listening);
    // A greyed box says why (issue 24.26).
    m_port->setToolTip(listening ? tr("The port the receiver listens on; Stop it to choose another")
                                 : tr("TCP port to listen on; 0 picks a free one"));
    m_copyUrl->setEnabled(listening);
}

void MainToolBar::changeEvent(QEvent *event)
{
    QToolBar::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) { // light/dark switch: repaint the glyphs
        m_pause->setIcon(Theme::toolIcon(Theme::ToolGlyph::Pause, palette()));
        m_copyUrl->setIcon(Theme::toolIcon(Theme::ToolGlyph::Link, palette()));
        setListening(m_listening);
    }
}

void MainToolBar::addPanelToggle(QAction *toggle)
{
    const QList<QAction *> all = actions();
    const qsizetype at = all.indexOf(m_clear);
    QAction *before = at >= 0 && at + 1 < all.size() ? all.at(at + 1) : nullptr;
    insertAction(before, toggle);
    insertSeparator(before ? before : nullptr);
}

quint16 MainToolBar::port() const
{
    return quint16(m_port->value());
}

void MainToolBar::setPort(quint16 port)
{
    m_port->setValue(port);
}

void MainToolBar::setPublicUrl(const QString &url)
{
    m_publicUrl->setUrl(url);
    m_publicUrlAction->setVisible(!url.isEmpty());
}

bool MainToolBar::isPaused() const
{
    return m_pause->isChecked();
}

} // namespace hookscope
