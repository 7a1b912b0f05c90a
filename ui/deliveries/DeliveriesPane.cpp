#include "DeliveriesPane.h"

#include "DeliveryAttemptsView.h"
#include "DeliveryGroupModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace hookscope {

DeliveriesPane::DeliveriesPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new DeliveryGroupModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_attempts(new DeliveryAttemptsView(this))
{
    setObjectName(QStringLiteral("deliveriesPane"));
    m_summary->setObjectName(QStringLiteral("deliveriesSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DeliveryGroupModel::SortKeyRole);
    m_tree->setObjectName(QStringLiteral("deliveriesTree"));
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(DeliveryGroupModel::FirstSeen, Qt::AscendingOrder);
    m_tree->setUniformRowHeights(true); // thousands of deliveries: no per-row measuring
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_tree);
    split->addWidget(m_attempts);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const QVariant id = index.data(DeliveryGroupModel::EventIdRole); id.isValid())
            Q_EMIT eventChosen(id.toLongLong());
    });
    connect(m_attempts, &DeliveryAttemptsView::attemptChosen, this, &DeliveriesPane::eventChosen);
    setMessage(tr("Grouping deliveries…"));
}

void DeliveriesPane::setMessage(const QString &text)
{
    m_summary->setText(text);
}

QString DeliveriesPane::summary() const
{
    return m_summary->text();
}

void DeliveriesPane::setGroups(QList<DeliveryGroup> groups)
{
    int retried = 0;
    int duplicates = 0;
    int outOfOrder = 0;
    for (const DeliveryGroup &group : std::as_const(groups)) {
        retried += group.attempts.size() > 1 ? 1 : 0;
        duplicates += group.duplicates();
        outOfOrder += group.outOfOrder ? 1 : 0;
    }
    const int count = int(groups.size());
    // A live reload replaces every row: the deliveries the user opened stay open.
    QSet<QString> expanded;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (m_tree->isExpanded(index))
            expanded.insert(m_model->groupAt(m_proxy->mapToSource(index))->key);
    }
    m_model->setGroups(std::move(groups));
    for (int row = 0; !expanded.isEmpty() && row < m_model->rowCount(); ++row) {
        if (expanded.contains(m_model->groups()[row].key))
            m_tree->expand(m_proxy->mapFromSource(m_model->index(row, 0)));
    }
    for (int column = 0; column < DeliveryGroupModel::Flags; ++column)
        m_tree->resizeColumnToContents(column); // measures the rows in view only
    using M = DeliveryGroupModel;
    setMessage(M::counted(count, tr("%1 delivery"), tr("%1 deliveries")) + tr(", %1 retried").arg(retried)
               + M::counted(duplicates, tr(", %1 duplicate attempt after a 2xx"), tr(", %1 duplicate attempts after a 2xx"))
               + tr(", %1 out of order").arg(outOfOrder));
    // Keep the delivery that was shown, so a live reload does not take it away.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (m_model->groups()[row].key == m_shownKey) {
            m_tree->setCurrentIndex(m_proxy->mapFromSource(index));
            return;
        }
    }
    m_attempts->clear();
}

void DeliveriesPane::onCurrentChanged(const QModelIndex &current)
{
    const DeliveryGroup *group = m_model->groupAt(m_proxy->mapToSource(current));
    if (!group) {
        m_attempts->clear();
        return;
    }
    m_shownKey = group->key;
    m_attempts->showGroup(*group, m_store);
}

} // namespace hookscope
