#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace hookscope {

class KindCatalog;

// Kinds grouped by vendor pack, for lists a person reads (the Kind filter, Settings, the
// first-run samples): one group per pack in the catalog's pack order, kinds sorted, and last a
// group with no pack (empty title) for the kinds of no pack or no longer in the catalog.
struct KindGroup {
    QString pack; // "cubu"; empty for the last group
    QString title; // "Cubu"
    QStringList kinds;
};

class KindGroups final {
public:
    KindGroups() = delete;

    // Groups kindIds; a null catalog puts them all in the no-pack group. Empty groups are left out.
    [[nodiscard]] static QList<KindGroup> of(const QStringList &kindIds, const std::shared_ptr<const KindCatalog> &catalog);
};

} // namespace hookscope
