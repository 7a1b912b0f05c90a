#include "SavedViewsDock.h"

#include "Banner.h"
#include "SavedViewDelegate.h"
#include "SavedViewsModel.h"

#include <QListView>
#include <QToolBar>
#include <QVBoxLayout>

namespace hookscope {

SavedViewsDock::SavedViewsDock(SavedViewsModel *model, QWidget *parent)
    : QDockWidget(tr("Saved Views"), parent)
    , m_banner(new Banner(this))
    , m_tools(new QToolBar(this))
    , m_list(new QListView(this))
{
    setObjectName(QStringLiteral("savedViewsDock")); // QMainWindow::saveState() remembers it by name
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    m_tools->setObjectName(QStringLiteral("savedViewsTools"));
    m_tools->setIconSize(QSize(16, 16));
    m_list->setObjectName(QStringLiteral("savedViewsList"));
    m_list->setModel(model);
    m_list->setItemDelegate(new SavedViewDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked); // F2 renames
    m_list->setUniformItemSizes(true);
    m_list->setAccessibleName(tr("Saved views"));
    m_list->setMinimumWidth(120);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_banner);
    layout->addWidget(m_tools);
    layout->addWidget(m_list, 1);
    setWidget(content);
    setFocusProxy(m_list);
}

int SavedViewsDock::currentRow() const
{
    return m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
}

void SavedViewsDock::setCurrentRow(int row)
{
    m_list->setCurrentIndex(m_list->model()->index(row, 0));
}

} // namespace hookscope
