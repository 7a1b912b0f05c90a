#include "PackKindsModel.h"

#include "schema/KindCatalog.h"

namespace hookscope {

namespace {

QList<QStandardItem *> kindRow(const Kind &kind)
{
    auto *name = new QStandardItem(kind.title == kind.id ? kind.id : QStringLiteral("%1 \u2014 %2").arg(kind.id, kind.title));
    name->setData(kind.id, PackKindsModel::KindRole);
    const QString answer = !kind.request         ? PackKindsModel::tr("response body")
                           : kind.isSynchronous() ? PackKindsModel::tr("held: answered with %1").arg(kind.answerKind)
                                                  : PackKindsModel::tr("answered at once");
    QList<QStandardItem *> row{name, new QStandardItem(answer),
                               new QStandardItem(kind.routes.join(QStringLiteral(", "))),
                               new QStandardItem(kind.sourcePage)};
    for (QStandardItem *item : row)
        item->setEditable(false);
    return row;
}

} // namespace

PackKindsModel::PackKindsModel(QObject *parent)
    : QStandardItemModel(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Vendor / kind"), tr("Answer"), tr("Routes"), tr("Source page")});
}

void PackKindsModel::setCatalog(const std::shared_ptr<const KindCatalog> &catalog)
{
    removeRows(0, rowCount());
    m_initiallyDisabled.clear();
    if (!catalog)
        return;
    for (const Pack &pack : catalog->packs()) {
        auto *vendor = new QStandardItem(pack.title);
        vendor->setData(pack.id, PackRole);
        vendor->setEditable(false);
        vendor->setCheckable(true);
        vendor->setCheckState(pack.disabled ? Qt::Unchecked : Qt::Checked);
        vendor->setToolTip(pack.setup);
        if (pack.disabled)
            m_initiallyDisabled.insert(pack.id);
        for (const auto &kind : catalog->kinds()) {
            if (kind->pack == pack.id)
                vendor->appendRow(kindRow(*kind));
        }
        QList<QStandardItem *> row{vendor, new QStandardItem(pack.signature.isEmpty() ? QString()
                                                                                     : tr("signature: %1").arg(pack.signature)),
                                   new QStandardItem(), new QStandardItem(pack.docs)};
        for (int c = 1; c < row.size(); ++c)
            row[c]->setEditable(false);
        appendRow(row);
    }
    auto *others = new QStandardItem(tr("Kinds of no vendor pack"));
    others->setEditable(false);
    for (const auto &kind : catalog->kinds()) {
        if (kind->pack.isEmpty())
            others->appendRow(kindRow(*kind));
    }
    if (others->hasChildren())
        appendRow({others, new QStandardItem(), new QStandardItem(), new QStandardItem()});
    else
        delete others;
}

QSet<QString> PackKindsModel::disabledPacks() const
{
    QSet<QString> packs;
    for (int row = 0; row < rowCount(); ++row) {
        const QStandardItem *vendor = item(row, NameColumn);
        if (vendor->isCheckable() && vendor->checkState() == Qt::Unchecked)
            packs.insert(vendor->data(PackRole).toString());
    }
    return packs;
}

} // namespace hookscope
