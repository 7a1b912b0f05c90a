#include "DeliveryAttemptsView.h"

#include "DeliveryGroupModel.h"
#include "diff/JsonDiff.h"
#include "store/EventStore.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hookscope {

namespace {
constexpr int kMaxPointersListed = 4;
}

DeliveryAttemptsView::DeliveryAttemptsView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("deliveryAttempts"));
    m_title->setTextFormat(Qt::PlainText); // keys hold sender text
    m_table->setObjectName(QStringLiteral("deliveryAttemptsTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->setRowCount(RowCount);
    m_table->setVerticalHeaderLabels({tr("Received"), tr("Interval"), tr("Answer"), tr("Flags"), tr("Body")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int, int column) {
        if (column >= 0 && column < m_ids.size())
            Q_EMIT attemptChosen(m_ids[column]);
    });
    clear();
}

void DeliveryAttemptsView::clear()
{
    m_ids.clear();
    m_table->setColumnCount(0);
    m_title->setText(tr("Select a delivery to see its attempts side by side."));
}

void DeliveryAttemptsView::showGroup(const DeliveryGroup &group, const EventStore *store)
{
    const int columns = int(std::min<qsizetype>(group.attempts.size(), kMaxColumns));
    m_ids.clear();
    m_table->clearContents();
    m_table->setColumnCount(columns);
    QStringList headers;
    QByteArray first;
    for (int c = 0; c < columns; ++c) {
        const DeliveryAttempt &a = group.attempts[c];
        m_ids.append(a.id);
        headers.append(tr("Attempt %1").arg(c + 1));
        const auto set = [&](Row row, const QString &text) { m_table->setItem(row, c, new QTableWidgetItem(text)); };
        set(Received, QDateTime::fromMSecsSinceEpoch(a.receivedAtMs).toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
        set(Interval, a.intervalMs < 0 ? tr("first") : DeliveryGroupModel::intervalText(a.intervalMs));
        set(Answer, DeliveryGroupModel::answerText(a.status));
        set(Flags, a.duplicate ? tr("duplicate") : QString());
        QByteArray body;
        if (store) {
            if (const std::optional<Event> event = store->load(a.id))
                body = event->displayBody();
        }
        if (c == 0)
            first = body;
        set(Body, c == 0 ? DeliveryGroupModel::counted(body.size(), tr("%1 byte"), tr("%1 bytes")) : bodyDifference(first, body));
    }
    m_table->setHorizontalHeaderLabels(headers);
    QString title = DeliveryGroupModel::keyText(group) + QStringLiteral(" — ")
        + DeliveryGroupModel::counted(group.attempts.size(), tr("%1 attempt"), tr("%1 attempts"));
    if (group.attempts.size() > columns)
        title += tr(" (the first %1 shown)").arg(columns);
    if (group.outOfOrder)
        title += tr("; out of order: version %1 after %2").arg(group.version, group.newerVersion);
    m_title->setText(title);
}

QString DeliveryAttemptsView::bodyDifference(const QByteArray &first, const QByteArray &body)
{
    if (body == first)
        return tr("same as attempt 1");
    QList<JsonDiff::Change> changes;
    QString error;
    if (!JsonDiff::compare(first, body, &changes, &error))
        return tr("differs from attempt 1 (%1)")
            .arg(DeliveryGroupModel::counted(body.size(), tr("%1 byte"), tr("%1 bytes")));
    if (changes.isEmpty())
        return tr("same JSON as attempt 1");
    QStringList pointers;
    for (qsizetype i = 0; i < changes.size() && i < kMaxPointersListed; ++i)
        pointers.append(changes[i].pointer.isEmpty() ? QStringLiteral("(whole body)") : changes[i].pointer);
    if (changes.size() > kMaxPointersListed)
        pointers.append(QStringLiteral("…"));
    return DeliveryGroupModel::counted(changes.size(), tr("%1 change: "), tr("%1 changes: "))
        + pointers.join(QStringLiteral(", "));
}

} // namespace hookscope
