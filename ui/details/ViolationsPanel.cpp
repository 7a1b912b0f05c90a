#include "ViolationsPanel.h"

#include "PlainToolTip.h"
#include "TailElideDelegate.h"
#include "ViolationEntry.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hookscope {

namespace {
enum Column { PointerColumn, MessageColumn, KeywordColumn, ColumnCount };
constexpr int kPointerRole = Qt::UserRole + 1;
} // namespace

ViolationsPanel::ViolationsPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_list(new QTreeWidget(this))
{
    m_summary->setObjectName(QStringLiteral("violationsSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(6, 4, 6, 4);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_list->setObjectName(QStringLiteral("violationsList"));
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Where"), tr("Problem"), tr("Keyword")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setWordWrap(false);
    m_list->setItemDelegate(new TailElideDelegate({PointerColumn}, m_list));
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(KeywordColumn, QHeaderView::ResizeToContents);
    m_list->header()->resizeSection(PointerColumn, 240);
    connect(m_list, &QTreeWidget::itemClicked, this, &ViolationsPanel::activate);
    connect(m_list, &QTreeWidget::itemActivated, this, &ViolationsPanel::activate);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    setInfo(std::nullopt);
}

void ViolationsPanel::setInfo(const std::optional<EventInfo> &info)
{
    m_list->clear();
    if (!info) {
        m_summary->setText(tr("Select an event to see what validation found."));
        return;
    }
    switch (info->validity) {
    case EventInfo::Validity::NotChecked:
        m_summary->setText(tr("Validating…"));
        return;
    case EventInfo::Validity::NotJson:
        m_summary->setText(info->jsonError.isEmpty() ? tr("The body is not JSON: nothing to validate.")
                                                     : tr("The body is not JSON (%1): nothing to validate.").arg(info->jsonError));
        return;
    case EventInfo::Validity::NotInspectable:
        m_summary->setText(tr("Not inspected: %1.").arg(info->jsonError));
        return;
    case EventInfo::Validity::Unknown:
        m_summary->setText(tr("Unknown kind: no schema matches this body, so it was not validated."));
        return;
    case EventInfo::Validity::Valid:
        m_summary->setText(tr("Valid: the body matches the %1 schema.").arg(info->kind));
        return;
    case EventInfo::Validity::Invalid:
        break;
    }
    const QList<ViolationEntry> violations = ViolationEntry::listFromJson(info->violationsJson);
    m_summary->setText((violations.size() == 1 ? tr("1 violation of the %1 schema.").arg(info->kind)
                                               : tr("%L1 violations of the %2 schema.").arg(violations.size()).arg(info->kind))
                       + QLatin1Char(' ') + tr("Click one (or press Enter) to show it in the tree."));
    QList<QTreeWidgetItem *> items;
    items.reserve(violations.size());
    for (const ViolationEntry &v : violations) {
        auto *item = new QTreeWidgetItem;
        item->setText(PointerColumn, v.pointer.isEmpty() ? QStringLiteral("/") : v.pointer);
        item->setText(MessageColumn, v.message);
        item->setText(KeywordColumn, v.keyword);
        item->setData(PointerColumn, kPointerRole, v.pointer);
        item->setToolTip(PointerColumn, PlainToolTip::html(v.pointer));
        item->setToolTip(MessageColumn, PlainToolTip::html(v.message));
        items.append(item);
    }
    m_list->addTopLevelItems(items);
    // The pointers whole when there is room, at most half the width (the message needs the rest).
    m_list->resizeColumnToContents(PointerColumn);
    const int half = std::max(240, m_list->viewport()->width() / 2);
    if (m_list->columnWidth(PointerColumn) > half)
        m_list->setColumnWidth(PointerColumn, half);
    if (!items.isEmpty())
        m_list->setCurrentItem(items.first(), 0, QItemSelectionModel::NoUpdate);
}

void ViolationsPanel::showNotApplicable(const QString &text)
{
    m_list->clear();
    m_summary->setText(text);
}

int ViolationsPanel::count() const
{
    return m_list->topLevelItemCount();
}

void ViolationsPanel::activate(QTreeWidgetItem *item)
{
    if (item)
        Q_EMIT violationActivated(item->data(PointerColumn, kPointerRole).toString());
}

} // namespace hookscope
