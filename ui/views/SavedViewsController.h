#pragma once

#include "event/Event.h"
#include "event/EventInfo.h"
#include "query/SavedViewSet.h"

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace hookscope {

class EventListPane;
class MainMenuBar;
class SavedViewsDock;
class SavedViewsModel;
class ViewCounter;

// Saved views (issue 27 point 2): a query with a name, the columns shown and the sort. Keeps
// the list (SavedViewsModel) in the user's views file (SavedViewSet::userFile(), beside the
// answer rules; the packs' examples until the user changes the list), counts each view's
// events (ViewCounter) and applies a view to the event list through its public API (filter
// box, column chooser, header sort). Shows them in a side panel (SavedViewsDock) and in
// View ▸ Saved Views, whose first nine views have Ctrl+Alt+1…9.
class SavedViewsController final : public QObject
{
    Q_OBJECT
public:
    // `file`: the views file (empty: SavedViewSet::userFile()); `packsDir`: where the packs'
    // examples are read (empty: the data folder's packs/).
    SavedViewsController(EventListPane *list, QMainWindow *window, const QString &file = {},
                         const QString &packsDir = {});
    ~SavedViewsController() override;

    // Adds View ▸ Saved Views and the panel to the window.
    void install(MainMenuBar *menus);
    void setStorePath(const QString &path);
    // The live feed's batches: the badges count them in memory.
    void addEvents(const QList<hookscope::Event> &events);
    // Enrichment or forward results came in (views reading them are counted again, coalesced).
    void laterResultsArrived();
    // Events were cleared, deleted or imported: every view is counted in the store again.
    void storeChanged();

    // Applies view `row`: its query to the filter box (the kind and validity choosers go back
    // to "all": a view is its query), its columns, its sort. False for no such row.
    bool apply(int row);
    // Saves the list's current filter text, columns and sort as `name` (replacing a view of
    // that name). False, with *error, for an empty name or a filter that does not parse.
    bool saveCurrent(const QString &name, QString *error);
    [[nodiscard]] SavedView currentState() const;

    [[nodiscard]] SavedViewsModel *model() const { return m_model; }
    [[nodiscard]] ViewCounter *counter() const { return m_counter; }
    [[nodiscard]] SavedViewsDock *dock() const { return m_dock; }
    [[nodiscard]] QMenu *menu() const { return m_menu; }
    [[nodiscard]] QAction *saveAction() const { return m_save; }
    [[nodiscard]] QAction *renameAction() const { return m_rename; }
    [[nodiscard]] QAction *deleteAction() const { return m_delete; }
    [[nodiscard]] QAction *moveUpAction() const { return m_moveUp; }
    [[nodiscard]] QAction *moveDownAction() const { return m_moveDown; }
    [[nodiscard]] QString file() const { return m_file; }
    // What is wrong with the views file as read (or last written); empty: nothing.
    [[nodiscard]] QString problem() const { return m_problem; }

Q_SIGNALS:
    void applied(int row);

private:
    void load(const QString &packsDir);
    void persist();
    void promptSave();
    void removeCurrent();
    void moveCurrent(int delta);
    void fillMenu();
    void setProblem(const QString &problem);

    EventListPane *m_list; // not owned
    QMainWindow *m_window; // parent
    QString m_file;
    SavedViewsModel *m_model;
    ViewCounter *m_counter;
    SavedViewsDock *m_dock;
    QMenu *m_menu;
    QAction *m_save;
    QAction *m_rename;
    QAction *m_delete;
    QAction *m_moveUp;
    QAction *m_moveDown;
    QList<QAction *> m_viewActions; // one per view in the menu
    QString m_problem;
    bool m_keepAside = false; // the file on disk is damaged: copy it aside before the first write
};

} // namespace hookscope
