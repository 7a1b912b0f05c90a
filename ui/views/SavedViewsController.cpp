#include "SavedViewsController.h"

#include "Banner.h"
#include "EventColumns.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainMenuBar.h"
#include "SavedViewsDock.h"
#include "SavedViewsModel.h"
#include "ViewCounter.h"
#include "query/EventQuery.h"
#include "schema/KindCatalog.h"
#include "enrich/DefaultInspector.h"
#include "util/ResourceLocator.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStyle>
#include <QTableView>
#include <QToolBar>

namespace hookscope {

namespace {
constexpr int kNumberedViews = 9; // Ctrl+Alt+1…9
constexpr int kPanelWidth = 210; // the table keeps the room its Target column needs

int columnOf(const QString &key)
{
    for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
        if (EventColumns::keyOf(column) == key)
            return column;
    }
    return -1;
}
} // namespace

SavedViewsController::SavedViewsController(EventListPane *list, QMainWindow *window, const QString &file,
                                           const QString &packsDir)
    : QObject(window)
    , m_list(list)
    , m_window(window)
    , m_file(file.isEmpty() ? SavedViewSet::userFile() : file)
    , m_model(new SavedViewsModel(this))
    , m_counter(new ViewCounter(this))
    , m_dock(new SavedViewsDock(m_model, window))
    , m_menu(new QMenu(tr("Saved &Views"), window))
    , m_save(new QAction(tr("&Save Current View…"), this))
    , m_rename(new QAction(tr("&Rename View"), this))
    , m_delete(new QAction(tr("&Delete View"), this))
    , m_moveUp(new QAction(tr("Move View &Up"), this))
    , m_moveDown(new QAction(tr("Move View Do&wn"), this))
{
    m_menu->setObjectName(QStringLiteral("savedViewsMenu"));
    QStyle *style = window->style();
    m_save->setObjectName(QStringLiteral("saveViewAction"));
    m_save->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D)); // "bookmark this", as in browsers
    m_save->setToolTip(tr("Save the filter, columns and sort as a view (Ctrl+D)"));
    // Rename, delete and move act on the panel's current view: keys local to the panel.
    const auto local = [this, style](QAction *action, QStyle::StandardPixmap icon, const QKeySequence &key) {
        action->setIcon(style->standardIcon(icon));
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_dock->addAction(action);
    };
    local(m_rename, QStyle::SP_FileDialogDetailedView, QKeySequence(Qt::Key_F2));
    local(m_delete, QStyle::SP_TrashIcon, QKeySequence::Delete);
    local(m_moveUp, QStyle::SP_ArrowUp, QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Up));
    local(m_moveDown, QStyle::SP_ArrowDown, QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Down));
    m_dock->tools()->addActions({m_save, m_rename, m_delete, m_moveUp, m_moveDown});
    QAction *toggle = m_dock->toggleViewAction();
    toggle->setText(tr("Saved Views &Panel"));
    toggle->setIcon(style->standardIcon(QStyle::SP_FileDialogListView));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));

    connect(m_save, &QAction::triggered, this, &SavedViewsController::promptSave);
    connect(m_rename, &QAction::triggered, this, [this] {
        if (const int row = m_dock->currentRow(); row >= 0)
            m_dock->list()->edit(m_model->index(row));
    });
    connect(m_delete, &QAction::triggered, this, &SavedViewsController::removeCurrent);
    connect(m_moveUp, &QAction::triggered, this, [this] { moveCurrent(-1); });
    connect(m_moveDown, &QAction::triggered, this, [this] { moveCurrent(+1); });
    connect(m_dock->list(), &QAbstractItemView::activated, this, [this](const QModelIndex &index) { apply(index.row()); });
    connect(m_dock->list(), &QAbstractItemView::clicked, this, [this](const QModelIndex &index) { apply(index.row()); });
    connect(m_counter, &ViewCounter::countChanged, m_model, &SavedViewsModel::setCount);
    connect(m_counter, &ViewCounter::errorChanged, m_model, &SavedViewsModel::setError);
    // Any change of the list: saved, counted again, the menu rebuilt. Renames change no query,
    // but counting again is cheap next to a user's keystroke.
    connect(m_model, &SavedViewsModel::edited, this, &SavedViewsController::persist);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SavedViewsController::fillMenu);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SavedViewsController::fillMenu);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &SavedViewsController::fillMenu);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &SavedViewsController::fillMenu);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &, const QModelIndex &,
                                                                    const QList<int> &roles) {
        if (roles.isEmpty() || roles.contains(Qt::DisplayRole))
            fillMenu();
    });
    load(packsDir);
}

SavedViewsController::~SavedViewsController() = default;

void SavedViewsController::install(MainMenuBar *menus)
{
    m_window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    // Hidden until asked for (Ctrl+Shift+V; the window's saved state remembers it): at 1024 px
    // with the Respond panel open the table needs all the width there is. A damaged views file
    // shows it, so its problem is read.
    m_dock->setVisible(!m_problem.isEmpty());
    m_window->resizeDocks({m_dock}, {kPanelWidth}, Qt::Horizontal); // the window's saved state may differ
    menus->addToView({m_menu->menuAction()});
    fillMenu();
}

void SavedViewsController::load(const QString &packsDir)
{
    SavedViewSet::Loaded loaded = SavedViewSet::load(m_file);
    QStringList problems;
    if (!loaded.exists) {
        // Until the user changes the list, it is the packs' examples.
        QStringList packs;
        for (const Pack &pack : appKindCatalog()->packs())
            packs.append(pack.id);
        loaded.views = SavedViewSet::shipped(packsDir.isEmpty() ? ResourceLocator::directory(QStringLiteral("packs"))
                                                                : packsDir,
                                             packs, &problems);
    }
    if (loaded.damaged()) {
        m_keepAside = true;
        problems.append(loaded.error);
        problems.append(loaded.problems);
        problems.removeAll(QString());
        problems.append(tr("The file stays as it is until the views change; then a copy is kept beside it."));
    }
    setProblem(problems.join(QLatin1Char('\n')));
    m_model->setViews(loaded.views);
    m_counter->setViews(loaded.views);
}

void SavedViewsController::persist()
{
    m_counter->setViews(m_model->views());
    QString kept;
    if (m_keepAside) {
        kept = SavedViewSet::keepAside(m_file);
        if (kept.isEmpty()) {
            setProblem(tr("%1 is damaged and could not be copied aside: the views are not saved.").arg(m_file));
            return;
        }
        m_keepAside = false;
    }
    QString error;
    if (!SavedViewSet::save(m_file, m_model->views(), &error))
        setProblem(tr("The views are not saved: %1").arg(error));
    else
        setProblem(kept.isEmpty() ? QString() : tr("The damaged views file was kept as %1").arg(kept));
}

void SavedViewsController::setProblem(const QString &problem)
{
    m_problem = problem;
    if (problem.isEmpty())
        m_dock->banner()->clearMessage();
    else
        m_dock->banner()->showMessage(problem);
}

void SavedViewsController::setStorePath(const QString &path)
{
    m_counter->setStorePath(path);
}

void SavedViewsController::addEvents(const QList<Event> &events)
{
    m_counter->addEvents(events);
}

void SavedViewsController::laterResultsArrived()
{
    m_counter->laterResultsArrived();
}

void SavedViewsController::storeChanged()
{
    m_counter->recount();
}

bool SavedViewsController::apply(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const SavedView view = m_model->views().at(row);
    m_list->kindCombo()->setCurrentIndex(0);
    m_list->validityCombo()->setCurrentIndex(0);
    m_list->missingTranslationsCheck()->setChecked(false);
    m_list->setFilterText(view.query);
    QList<int> shown;
    for (const QString &key : view.columns) {
        if (const int column = columnOf(key); column >= 0)
            shown.append(column);
    }
    if (!shown.isEmpty()) { // a list of names no column has leaves the columns as they are
        for (int column = 0; column < EventTableModel::ColumnCount; ++column)
            m_list->columns()->setColumnShown(column, shown.contains(column));
    }
    if (const int column = columnOf(view.sortColumn); column >= 0)
        m_list->table()->sortByColumn(column, view.sortDescending ? Qt::DescendingOrder : Qt::AscendingOrder);
    m_dock->setCurrentRow(row);
    Q_EMIT applied(row);
    return true;
}

SavedView SavedViewsController::currentState() const
{
    SavedView view;
    view.query = m_list->filterEdit()->text().trimmed();
    const QHeaderView *header = m_list->table()->horizontalHeader();
    for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
        if (!header->isSectionHidden(column))
            view.columns.append(EventColumns::keyOf(column));
    }
    if (header->isSortIndicatorShown() && header->sortIndicatorSection() >= 0) {
        view.sortColumn = EventColumns::keyOf(header->sortIndicatorSection());
        view.sortDescending = header->sortIndicatorOrder() == Qt::DescendingOrder;
    }
    return view;
}

bool SavedViewsController::saveCurrent(const QString &name, QString *error)
{
    SavedView view = currentState();
    view.name = name.trimmed().left(SavedViewSet::kMaxNameLength);
    if (view.name.isEmpty()) {
        *error = tr("A view needs a name.");
        return false;
    }
    if (view.query.size() > SavedViewSet::kMaxQueryLength) {
        *error = tr("The filter is longer than %1 characters.").arg(SavedViewSet::kMaxQueryLength);
        return false;
    }
    if (!view.query.isEmpty()) {
        const EventQuery::Result query = EventQuery::filterFor(view.query, EventQuery::contextFor(appKindCatalog()));
        if (!query.ok()) {
            *error = tr("The filter has an error at %1").arg(query.error.toString());
            return false;
        }
    }
    m_dock->setCurrentRow(m_model->put(view));
    return true;
}

void SavedViewsController::promptSave()
{
    const int current = m_dock->currentRow();
    const QString suggested = current >= 0 && m_model->views().at(current).query == currentState().query
        ? m_model->views().at(current).name
        : QString();
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Save Current View"),
                                               tr("Name of the view (filter: %1):")
                                                   .arg(currentState().query.isEmpty() ? tr("none") : currentState().query.left(80)),
                                               QLineEdit::Normal, suggested, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (const int row = m_model->rowOf(name); row >= 0 && row != current
        && QMessageBox::question(m_window, tr("Save Current View"), tr("Replace the view \"%1\"?").arg(m_model->views().at(row).name))
            != QMessageBox::Yes)
        return;
    QString error;
    if (!saveCurrent(name, &error))
        QMessageBox::warning(m_window, tr("Save Current View"), error);
}

void SavedViewsController::removeCurrent()
{
    const int row = m_dock->currentRow();
    if (row < 0)
        return;
    m_model->removeRows(row, 1);
    if (m_model->rowCount() > 0)
        m_dock->setCurrentRow(std::min(row, m_model->rowCount() - 1));
}

void SavedViewsController::moveCurrent(int delta)
{
    const int row = m_dock->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_model->rowCount())
        return;
    // moveRows' destination is the row the view goes before.
    if (m_model->moveRows({}, row, 1, {}, delta > 0 ? to + 1 : to))
        m_dock->setCurrentRow(to);
}

void SavedViewsController::fillMenu()
{
    qDeleteAll(m_viewActions);
    m_viewActions.clear();
    m_menu->clear();
    m_menu->addActions({m_save, m_dock->toggleViewAction()});
    m_menu->addSeparator();
    m_menu->addActions({m_rename, m_delete, m_moveUp, m_moveDown});
    if (m_model->rowCount() > 0)
        m_menu->addSeparator();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QString name = m_model->views().at(row).name;
        name.replace(QLatin1Char('&'), QLatin1String("&&"));
        auto *action = new QAction(row < kNumberedViews ? QStringLiteral("&%1 %2").arg(row + 1).arg(name) : name, this);
        action->setObjectName(QStringLiteral("savedView:%1").arg(row));
        if (row < kNumberedViews)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(Qt::Key_1 + row)));
        connect(action, &QAction::triggered, this, [this, row] { apply(row); });
        m_menu->addAction(action);
        m_window->addAction(action); // its shortcut works while the menu is closed
        m_viewActions.append(action);
    }
}

} // namespace hookscope
