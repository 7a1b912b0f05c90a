#include "MainMenuBar.h"

#include "MainToolBar.h"

#include <QApplication>
#include <QMenu>

namespace hookscope {

MainMenuBar::MainMenuBar(MainToolBar *toolBar, QWidget *parent)
    : QMenuBar(parent)
    , m_settings(new QAction(tr("&Settings…"), this))
    , m_quit(new QAction(tr("&Quit"), this))
    , m_focusTable(new QAction(tr("Event &table"), this))
    , m_focusDetails(new QAction(tr("&Details"), this))
{
    setObjectName(QStringLiteral("mainMenuBar"));
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settings->setMenuRole(QAction::PreferencesRole);
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    m_focusTable->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_focusDetails->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));

    // The receiver's actions get their shortcuts here, where they are listed.
    toolBar->startStopAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    toolBar->pauseAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));

    QMenu *file = addMenu(tr("&File"));
    file->addAction(toolBar->startStopAction());
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *edit = addMenu(tr("&Edit"));
    edit->addAction(toolBar->copyUrlAction());
    QAction *find = edit->addAction(tr("&Find…"));
    find->setToolTip(tr("Filter the events (Ctrl+F)"));
    edit->addSeparator();
    edit->addAction(toolBar->clearAction());
    edit->addSeparator();
    edit->addAction(m_settings);

    QMenu *view = addMenu(tr("&View"));
    view->addAction(m_focusTable);
    view->addAction(m_focusDetails);
    view->addSeparator();
    view->addAction(toolBar->pauseAction());

    QMenu *help = addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Hookscope"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);

    connect(m_settings, &QAction::triggered, this, &MainMenuBar::settingsRequested);
    connect(m_quit, &QAction::triggered, this, &MainMenuBar::quitRequested);
    connect(find, &QAction::triggered, this, &MainMenuBar::findRequested);
    connect(m_focusTable, &QAction::triggered, this, &MainMenuBar::focusTableRequested);
    connect(m_focusDetails, &QAction::triggered, this, &MainMenuBar::focusDetailsRequested);
    connect(about, &QAction::triggered, this, &MainMenuBar::aboutRequested);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

} // namespace hookscope
