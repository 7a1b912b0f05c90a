#include "MainMenuBar.h"

#include "MainToolBar.h"
#include "ShortcutsDialog.h"

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
    m_focusTable->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1)); // Ctrl+1…9 answer a held hook
    m_focusDetails->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));

    // The receiver's actions get their shortcuts here, where they are listed.
    toolBar->startStopAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)); // Ctrl+R replays
    toolBar->pauseAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));

    m_file = addMenu(tr("&File"));
    m_file->addAction(toolBar->startStopAction());
    m_fileEnd = m_file->addSeparator();
    m_file->addAction(m_quit);

    QMenu *edit = m_edit = addMenu(tr("&Edit"));
    edit->addAction(toolBar->copyUrlAction());
    QAction *find = m_find = edit->addAction(tr("&Find…"));
    find->setObjectName(QStringLiteral("findAction"));
    find->setToolTip(tr("Filter the events (Ctrl+F)"));
    // Shown in the menu only: the event list's own Ctrl+F action (and the details pane's find
    // in the body) carry the key, and a second window-wide Ctrl+F would make it ambiguous.
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetShortcut);
    edit->addSeparator();
    edit->addAction(toolBar->clearAction());
    m_editEnd = edit->addSeparator();
    edit->addAction(m_settings);

    QMenu *view = m_view = addMenu(tr("&View"));
    view->addAction(m_focusTable);
    view->addAction(m_focusDetails);
    view->addSeparator();
    view->addAction(toolBar->pauseAction());

    QMenu *help = addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Hookscope"));
    about->setMenuRole(QAction::AboutRole);
    m_shortcuts = help->addAction(tr("&Keyboard Shortcuts"));
    m_shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcuts, &QAction::triggered, this, [this] {
        auto *dialog = new ShortcutsDialog(this, window());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    help->addSeparator();
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

void MainMenuBar::addToFile(const QList<QAction *> &actions, bool separated)
{
    if (separated)
        m_file->insertSeparator(m_fileEnd);
    m_file->insertActions(m_fileEnd, actions);
}

void MainMenuBar::addToView(const QList<QAction *> &actions)
{
    m_view->addSeparator();
    m_view->addActions(actions);
}

void MainMenuBar::addToEdit(const QList<QAction *> &actions, bool separated)
{
    if (separated)
        m_edit->insertSeparator(m_editEnd);
    m_edit->insertActions(m_editEnd, actions);
}

} // namespace hookscope
