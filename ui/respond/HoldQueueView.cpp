#include "HoldQueueView.h"

#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace hookscope {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kVisibleEntries = 4; // more scroll: the presets stay in view
} // namespace

HoldQueueView::HoldQueueView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_tick(new QTimer(this))
{
    m_summary->setObjectName(QStringLiteral("queueSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_list->setObjectName(QStringLiteral("queueList"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setUniformItemSizes(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_summary);
    layout->addWidget(m_list);
    // Only a click (or keyboard activation) chooses: the selection set by refresh() does not.
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT chosen(item->data(kIdRole).toLongLong());
    });
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT chosen(item->data(kIdRole).toLongLong());
    });
    m_tick->setInterval(250);
    connect(m_tick, &QTimer::timeout, this, &HoldQueueView::refresh);
    setQueue({}, 0);
}

QString HoldQueueView::entryText(const HeldRequest &request, qint64 nowMs)
{
    const qint64 left = qMax<qint64>(0, request.deadlineAtMs - nowMs);
    return tr("#%1  %2  ·  %3 s left").arg(request.id).arg(request.kind).arg((left + 999) / 1000);
}

QString HoldQueueView::summary() const
{
    return m_summary->text();
}

void HoldQueueView::setQueue(const QList<HeldRequest> &waiting, qint64 answering)
{
    const bool sameIds = [&] {
        if (waiting.size() != m_waiting.size())
            return false;
        for (qsizetype i = 0; i < waiting.size(); ++i) {
            if (waiting.at(i).id != m_waiting.at(i).id)
                return false;
        }
        return true;
    }();
    m_waiting = waiting;
    m_answering = answering;
    if (!sameIds) {
        m_list->clear();
        for (const HeldRequest &request : waiting) {
            auto *item = new QListWidgetItem(m_list);
            item->setData(kIdRole, request.id);
        }
    }
    const int n = int(waiting.size());
    m_summary->setText(n == 0 ? QString() : n == 1 ? tr("1 waiting") : tr("%1 waiting — click one to answer it").arg(n));
    m_summary->setVisible(n > 0);
    m_list->setVisible(n > 1);
    if (n > 1) {
        const int row = m_list->sizeHintForRow(0) > 0 ? m_list->sizeHintForRow(0) : fontMetrics().height() + 4;
        m_list->setFixedHeight(row * qMin(n, kVisibleEntries) + 2 * m_list->frameWidth() + 2);
    }
    if (n > 0)
        m_tick->start();
    else
        m_tick->stop();
    refresh();
}

void HoldQueueView::refresh()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < m_list->count() && i < m_waiting.size(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const HeldRequest &request = m_waiting.at(i);
        QString text = entryText(request, now);
        if (request.id == m_answering)
            text = QStringLiteral("▶ ") + text;
        if (item->text() != text)
            item->setText(text);
        const bool current = request.id == m_answering;
        if (item->isSelected() != current)
            item->setSelected(current);
    }
}

} // namespace hookscope
