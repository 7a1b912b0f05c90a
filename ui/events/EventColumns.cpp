#include "EventColumns.h"

#include "EventTableModel.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTimer>

#include <algorithm>

namespace hookscope {

namespace {

constexpr int kFitDelayMs = 150;
constexpr int kMaximumFitWidth = 380; // one odd long kind must not squeeze Target away
const QString kHiddenKey = QStringLiteral("eventTable/hiddenColumns");

// Columns whose words decide what a row is (and Time, which grows a date for other days): never
// cut when the window leaves room.
constexpr int kContentColumns[] = {EventTableModel::TimeColumn, EventTableModel::KindColumn, EventTableModel::ResultColumn,
                                   EventTableModel::ForwardColumn, EventTableModel::LanguagesColumn};

int minimumWidth(int column)
{
    switch (column) {
    case EventTableModel::KindColumn:
        return 90;
    case EventTableModel::ResultColumn:
        return 110;
    case EventTableModel::ForwardColumn:
        return 50;
    case EventTableModel::TimeColumn:
        return 100;
    default:
        return 80;
    }
}

} // namespace

EventColumns::EventColumns(QTableView *table)
    : QObject(table)
    , m_table(table)
    , m_header(table->horizontalHeader())
    , m_menu(new QMenu(tr("&Columns"), table))
    , m_fitDelay(new QTimer(this))
{
    m_menu->setObjectName(QStringLiteral("columnMenu"));
    connect(m_menu, &QMenu::aboutToShow, this, [this] { // the window restores the header's state later
        for (int column = 0; column < EventTableModel::ColumnCount; ++column)
            m_menu->actions().at(column)->setChecked(!m_header->isSectionHidden(column));
    });
    m_fitDelay->setSingleShot(true);
    m_fitDelay->setInterval(kFitDelayMs);
    connect(m_fitDelay, &QTimer::timeout, this, &EventColumns::fitNow);

    // The App column is empty until something is forwarded: hidden until then (revealOnce).
    const QStringList hidden = QSettings().value(kHiddenKey, QStringList{keyOf(EventTableModel::ForwardColumn)}).toStringList();
    for (int column = 0; column < EventTableModel::ColumnCount; ++column)
        m_header->setSectionHidden(column, hidden.contains(keyOf(column)));
    fillMenu();
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_header, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &at) { m_menu->popup(m_header->mapToGlobal(at)); });
    connect(m_header, &QHeaderView::sectionResized, this, &EventColumns::onSectionResized);

    QAbstractItemModel *model = table->model();
    connect(model, &QAbstractItemModel::rowsInserted, this, &EventColumns::scheduleFit);
    connect(model, &QAbstractItemModel::dataChanged, this, &EventColumns::scheduleFit);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_widest.clear();
        scheduleFit();
    });
    connect(model, &QAbstractItemModel::layoutChanged, this, &EventColumns::scheduleFit);
    connect(table->verticalScrollBar(), &QScrollBar::valueChanged, this, &EventColumns::scheduleFit);
    table->viewport()->installEventFilter(this); // a narrower window re-divides the room
}

bool EventColumns::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        scheduleFit();
    return QObject::eventFilter(watched, event);
}

QString EventColumns::keyOf(int column)
{
    switch (EventTableModel::Column(column)) {
    case EventTableModel::IdColumn:
        return QStringLiteral("id");
    case EventTableModel::TimeColumn:
        return QStringLiteral("time");
    case EventTableModel::MethodColumn:
        return QStringLiteral("method");
    case EventTableModel::TargetColumn:
        return QStringLiteral("target");
    case EventTableModel::KindColumn:
        return QStringLiteral("kind");
    case EventTableModel::ResultColumn:
        return QStringLiteral("result");
    case EventTableModel::ForwardColumn:
        return QStringLiteral("app");
    case EventTableModel::LanguagesColumn:
        return QStringLiteral("languages");
    case EventTableModel::BodySizeColumn:
        return QStringLiteral("body");
    case EventTableModel::SenderColumn:
        return QStringLiteral("sender");
    case EventTableModel::ColumnCount:
        break;
    }
    return QStringLiteral("column%1").arg(column);
}

void EventColumns::fillMenu()
{
    const QAbstractItemModel *model = m_table->model();
    for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
        QAction *action = m_menu->addAction(model->headerData(column, Qt::Horizontal).toString());
        action->setObjectName(QStringLiteral("showColumn_") + keyOf(column));
        action->setCheckable(true);
        action->setChecked(!m_header->isSectionHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool on) { setColumnShown(column, on); });
    }
    m_menu->addSeparator();
    QAction *fit = m_menu->addAction(tr("Fit columns to content"));
    fit->setObjectName(QStringLiteral("fitColumns"));
    connect(fit, &QAction::triggered, this, [this] {
        m_userSized.clear();
        fitNow();
    });
}

void EventColumns::setColumnShown(int column, bool shown)
{
    if (column < 0 || column >= EventTableModel::ColumnCount || shown == !m_header->isSectionHidden(column))
        return;
    // One column always stays: a header with no section has no context menu to bring one back.
    if (!shown && m_header->hiddenSectionCount() >= EventTableModel::ColumnCount - 1) {
        m_menu->actions().at(column)->setChecked(true);
        return;
    }
    m_header->setSectionHidden(column, !shown);
    m_menu->actions().at(column)->setChecked(shown);
    saveHidden();
    scheduleFit();
}

void EventColumns::revealOnce(int column)
{
    const QString key = QStringLiteral("eventTable/revealed/") + keyOf(column);
    QSettings settings;
    if (settings.value(key, false).toBool())
        return;
    settings.setValue(key, true);
    setColumnShown(column, true);
}

void EventColumns::saveHidden() const
{
    QStringList hidden;
    for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
        if (m_header->isSectionHidden(column))
            hidden.append(keyOf(column));
    }
    QSettings().setValue(kHiddenKey, hidden);
}

void EventColumns::scheduleFit()
{
    if (!m_fitDelay->isActive())
        m_fitDelay->start();
}

void EventColumns::onSectionResized(int section, int /*oldSize*/, int /*newSize*/)
{
    if (!m_fitting && m_header->sectionResizeMode(section) == QHeaderView::Interactive)
        m_userSized.insert(section);
}

// Only the rows in view. QTableView::sizeHintForColumn also measures up to 1,000 rows beyond them
// (resizeContentsPrecision): ~50 ms of text layout on the GUI thread at every fit while events
// stream in, the longest event-loop gaps of bench_flood (67 ms; 22 ms without them).
int EventColumns::contentWidthInView(int column) const
{
    const QHeaderView *rows = m_table->verticalHeader();
    const int count = m_table->model()->rowCount();
    if (count == 0)
        return 0;
    const int top = std::max(0, rows->visualIndexAt(0));
    int bottom = rows->visualIndexAt(m_table->viewport()->height());
    if (bottom < 0)
        bottom = count - 1;
    int widest = 0;
    for (int visual = top; visual <= bottom; ++visual) {
        const int row = rows->logicalIndex(visual);
        if (!rows->isSectionHidden(row))
            widest = std::max(widest, m_table->sizeHintForIndex(m_table->model()->index(row, column)).width());
    }
    return widest + (m_table->showGrid() ? 1 : 0);
}

void EventColumns::fitNow()
{
    m_fitDelay->stop();
    if (m_table->model()->rowCount() == 0)
        m_widest.clear();
    // The room the content columns share: what the other columns and Target's minimum leave.
    int room = m_table->viewport()->width() - kTargetMinimum;
    for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
        const bool content = std::find(std::begin(kContentColumns), std::end(kContentColumns), column) != std::end(kContentColumns);
        if (!m_header->isSectionHidden(column) && column != EventTableModel::TargetColumn
            && (!content || m_userSized.contains(column)))
            room -= m_header->sectionSize(column);
    }
    QHash<int, int> wanted;
    int total = 0;
    for (const int column : kContentColumns) {
        if (m_header->isSectionHidden(column) || m_userSized.contains(column))
            continue;
        // The rows in view, measured through the delegate (bold, icon and all); the header's own
        // words count too. The widest seen is kept, so a scroll never makes a column jump
        // narrower under the mouse.
        const int content = std::max(contentWidthInView(column), m_header->sectionSizeHint(column));
        int &widest = m_widest[column];
        widest = std::max(widest, std::max(minimumWidth(column), std::min(content, kMaximumFitWidth)));
        wanted.insert(column, widest);
        total += widest;
    }
    // Too little room: Languages gives way first, then Kind, then Result, down to their minimums.
    for (const int column : {int(EventTableModel::LanguagesColumn), int(EventTableModel::TimeColumn), int(EventTableModel::KindColumn),
                             int(EventTableModel::ResultColumn), int(EventTableModel::ForwardColumn)}) {
        if (total <= room || !wanted.contains(column))
            continue;
        const int cut = std::min(total - room, wanted[column] - minimumWidth(column));
        wanted[column] -= cut;
        total -= cut;
    }
    m_fitting = true;
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (m_header->sectionSize(it.key()) != it.value())
            m_header->resizeSection(it.key(), it.value());
    }
    m_fitting = false;
}

} // namespace hookscope
