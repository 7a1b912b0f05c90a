#include "SelectionKeeper.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QTableView>

namespace hookscope {

SelectionKeeper::SelectionKeeper(QTableView *table)
    : QObject(table)
    , m_table(table)
{
    m_table->installEventFilter(this);
    // Queued: a click sets the current row first and the selection after it, so only once the
    // event is handled can "current but not selected" be told from a click in progress.
    const auto later = [this] { QMetaObject::invokeMethod(this, &SelectionKeeper::reconcile, Qt::QueuedConnection); };
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, later);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, later);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SelectionKeeper::countSelection);
    connect(m_table->model(), &QAbstractItemModel::modelReset, this, &SelectionKeeper::countSelection);
    connect(m_table->model(), &QAbstractItemModel::rowsRemoved, this, &SelectionKeeper::countSelection);
}

void SelectionKeeper::reconcile()
{
    QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex current = selection->currentIndex();
    if (!current.isValid() || selection->isRowSelected(current.row(), current.parent()))
        return;
    const QModelIndexList rows = selection->selectedRows();
    if (rows.isEmpty()) // a filter took the selected row away, say: the row the focus moved to
        selection->select(current, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    else if (rows.size() == 1) // Ctrl+click took the current row out of two: the other one is read
        selection->setCurrentIndex(rows.first().siblingAtColumn(current.column()), QItemSelectionModel::NoUpdate);
    // Several rows: the user builds a selection (Ctrl+click); the note above the details says so.
}

void SelectionKeeper::countSelection()
{
    const int count = int(m_table->selectionModel()->selectedRows().size());
    if (count == m_count)
        return;
    m_count = count;
    Q_EMIT selectedCountChanged(count);
}

bool SelectionKeeper::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_table || event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->modifiers() != Qt::ControlModifier)
        return QObject::eventFilter(watched, event);
    switch (key->key()) {
    case Qt::Key_Home:
    case Qt::Key_End: { // Qt moves only the focus; here they go to the first / last row, selected
        const int rows = m_table->model()->rowCount();
        if (rows == 0)
            return true;
        const int column = qMax(0, m_table->currentIndex().column());
        const QModelIndex target = m_table->model()->index(key->key() == Qt::Key_Home ? 0 : rows - 1, column);
        m_table->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(target);
        return true;
    }
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: { // as without Ctrl: the highlight moves with the focus
        QKeyEvent plain(QEvent::KeyPress, key->key(), Qt::NoModifier, key->text(), key->isAutoRepeat(), ushort(key->count()));
        QCoreApplication::sendEvent(m_table, &plain);
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}

} // namespace hookscope
