#include "RowActions.h"

#include "EventListPane.h"
#include "EventTableModel.h"
#include "event/HttpMessage.h"
#include "store/EventStore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QTableView>

namespace hookscope {

RowActions::RowActions(EventListPane *list, const EventStore *reader, const QList<QAction *> &extra, QObject *parent)
    : QObject(parent)
    , m_list(list)
    , m_reader(reader)
    , m_copyBody(new QAction(tr("Copy &Body"), this))
    , m_copyUrl(new QAction(tr("Copy Request &URL"), this))
    , m_onlyKind(new QAction(tr("Show &Only This Kind"), this))
{
    m_copyBody->setObjectName(QStringLiteral("copyBodyAction"));
    m_copyBody->setToolTip(tr("Copy the selected event's body (decoded) as text"));
    m_copyUrl->setObjectName(QStringLiteral("copyRequestUrlAction"));
    m_copyUrl->setToolTip(tr("Copy the URL the selected event was sent to"));
    m_onlyKind->setObjectName(QStringLiteral("onlyThisKindAction"));
    m_onlyKind->setToolTip(tr("Filter the table to the selected event's kind"));
    connect(m_copyBody, &QAction::triggered, this, &RowActions::copyBody);
    connect(m_copyUrl, &QAction::triggered, this, &RowActions::copyUrl);
    connect(m_onlyKind, &QAction::triggered, this, &RowActions::showOnlyThisKind);

    QTableView *table = list->table();
    const QList<QAction *> existing = table->actions();
    QAction *first = existing.isEmpty() ? nullptr : existing.first();
    table->insertActions(first, extra + actions());
    connect(list, &EventListPane::currentEventChanged, this, &RowActions::updateEnabled);
    updateEnabled();
}

void RowActions::updateEnabled()
{
    const bool any = m_list->currentId() > 0;
    for (QAction *action : actions())
        action->setEnabled(any);
}

void RowActions::copyBody()
{
    const qint64 id = m_list->currentId();
    const std::optional<Event> event = id > 0 && m_reader ? m_reader->load(id) : std::nullopt;
    if (!event)
        return;
    QApplication::clipboard()->setText(QString::fromUtf8(event->displayBody()));
    Q_EMIT copied(tr("the body of #%1").arg(id));
}

void RowActions::copyUrl()
{
    const qint64 id = m_list->currentId();
    const std::optional<Event> event = id > 0 && m_reader ? m_reader->load(id) : std::nullopt;
    if (!event)
        return;
    // The address the sender used: the public one through ngrok, else the Host it sent to.
    QString url = event->publicUrl();
    if (url.isEmpty()) {
        const QByteArray host = headerValue(event->headers, "Host");
        url = host.isEmpty() ? QString::fromUtf8(event->target)
                             : QStringLiteral("http://") + QString::fromUtf8(host + event->target);
    }
    QApplication::clipboard()->setText(url);
    Q_EMIT copied(url);
}

void RowActions::showOnlyThisKind()
{
    const QModelIndex current = m_list->table()->currentIndex();
    if (!current.isValid())
        return;
    const QString kind = current.data(EventTableModel::KindRole).toString();
    QComboBox *kinds = m_list->kindCombo();
    // "unknown" is the empty string; a vendor header holds a list and never equals a kind.
    for (int i = 1; i < kinds->count(); ++i) {
        const QVariant data = kinds->itemData(i);
        if (data.typeId() == QMetaType::QString && data.toString() == kind) {
            kinds->setCurrentIndex(i);
            return;
        }
    }
}

} // namespace hookscope
