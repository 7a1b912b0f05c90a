#pragma once

#include <QDockWidget>

class QListView;
class QToolBar;

namespace hookscope {

class Banner;
class SavedViewsModel;

// The "Saved Views" side panel beside the event table: a problem line (a damaged views file),
// a small toolbar and the list of views with their count badges (SavedViewDelegate). Only
// shows; SavedViewsController owns the model and carries out the actions.
class SavedViewsDock final : public QDockWidget
{
    Q_OBJECT
public:
    SavedViewsDock(SavedViewsModel *model, QWidget *parent = nullptr);

    [[nodiscard]] QListView *list() const { return m_list; }
    [[nodiscard]] QToolBar *tools() const { return m_tools; }
    [[nodiscard]] Banner *banner() const { return m_banner; }
    [[nodiscard]] int currentRow() const;
    void setCurrentRow(int row);

private:
    Banner *m_banner;
    QToolBar *m_tools;
    QListView *m_list;
};

} // namespace hookscope
