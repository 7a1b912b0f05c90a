#include "HeadersView.h"

#include "Theme.h"
#include "event/Event.h"

#include <QDateTime>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hookscope {

namespace {
QTreeWidgetItem *addRow(QTreeWidgetItem *parent, const QString &name, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {name, value});
    item->setToolTip(1, value);
    return item;
}

QTreeWidgetItem *addGroup(QTreeWidget *tree, const QString &title)
{
    auto *group = new QTreeWidgetItem(tree, {title});
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    group->setFirstColumnSpanned(true);
    return group;
}
} // namespace

HeadersView::HeadersView(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setObjectName(QStringLiteral("headersTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Name"), tr("Value")});
    m_tree->setRootIsDecorated(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->resizeSection(0, 220);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
}

void HeadersView::clear()
{
    m_tree->clear();
}

void HeadersView::setEvent(const Event &event)
{
    m_tree->setUpdatesEnabled(false);
    m_tree->clear();
    QTreeWidgetItem *request = addGroup(m_tree, tr("Request"));
    addRow(request, tr("Method"), QString::fromLatin1(event.method));
    addRow(request, tr("Target"), QString::fromUtf8(event.target));
    addRow(request, tr("HTTP version"), QStringLiteral("HTTP/%1").arg(QString::fromLatin1(event.httpVersion)));
    addRow(request, tr("Sender"), event.sender());
    addRow(request, tr("Peer"), QStringLiteral("%1:%2").arg(event.remoteAddress).arg(event.remotePort));
    if (const QString url = event.publicUrl(); !url.isEmpty())
        addRow(request, tr("Public URL"), url);
    addRow(request, tr("Received"),
           QDateTime::fromMSecsSinceEpoch(event.receivedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t")));
    if (!event.decodeError.isEmpty())
        addRow(request, tr("Decoding"), event.decodeError);

    QTreeWidgetItem *headers = addGroup(m_tree, tr("Headers (%1)").arg(event.headers.size()));
    const QFont mono = Theme::monospace();
    for (const auto &[name, value] : event.headers) {
        QTreeWidgetItem *row = addRow(headers, QString::fromLatin1(name), QString::fromUtf8(value));
        row->setFont(1, mono);
    }
    if (!event.trailers.isEmpty()) {
        // Sent after a chunked body: not part of the head, so shown apart from it.
        QTreeWidgetItem *trailers = addGroup(m_tree, tr("Trailers (%1)").arg(event.trailers.size()));
        for (const auto &[name, value] : event.trailers) {
            QTreeWidgetItem *row = addRow(trailers, QString::fromLatin1(name), QString::fromUtf8(value));
            row->setFont(1, mono);
        }
    }
    m_tree->expandAll();
    m_tree->setUpdatesEnabled(true);
}

} // namespace hookscope
