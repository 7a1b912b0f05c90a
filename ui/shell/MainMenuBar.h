#pragma once

#include <QMenuBar>

class QAction;

namespace hookscope {

class MainToolBar;

// File, Edit, View and Help. The receiver actions are the toolbar's own QActions (one shortcut,
// one place); the others are emitted for MainWindow to carry out. Every entry has a mnemonic,
// the frequent ones a shortcut.
class MainMenuBar final : public QMenuBar
{
    Q_OBJECT
public:
    explicit MainMenuBar(MainToolBar *toolBar, QWidget *parent = nullptr);

    [[nodiscard]] QAction *settingsAction() const { return m_settings; }
    [[nodiscard]] QAction *quitAction() const { return m_quit; }
    [[nodiscard]] QAction *focusTableAction() const { return m_focusTable; }
    [[nodiscard]] QAction *focusDetailsAction() const { return m_focusDetails; }
    // Features add their actions to File (above Quit) and Edit (above Settings).
    void addToFile(const QList<QAction *> &actions, bool separated = true);
    void addToEdit(const QList<QAction *> &actions, bool separated = true);
    // Panels and table layout go to View, after a separator.
    void addToView(const QList<QAction *> &actions);
    [[nodiscard]] QAction *findAction() const { return m_find; }
    [[nodiscard]] QAction *shortcutsAction() const { return m_shortcuts; }

Q_SIGNALS:
    void settingsRequested();
    void quitRequested();
    void findRequested();
    void focusTableRequested();
    void focusDetailsRequested();
    void aboutRequested();

private:
    QAction *m_settings;
    QAction *m_quit;
    QAction *m_focusTable;
    QAction *m_focusDetails;
    QMenu *m_file = nullptr;
    QMenu *m_edit = nullptr;
    QMenu *m_view = nullptr;
    QAction *m_find = nullptr;
    QAction *m_shortcuts = nullptr;
    QAction *m_fileEnd = nullptr; // the separator above Quit
    QAction *m_editEnd = nullptr; // the separator above Settings
};

} // namespace hookscope
