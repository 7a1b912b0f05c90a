#include "KindGroups.h"

#include "KindCatalog.h"

namespace hookscope {

QList<KindGroup> KindGroups::of(const QStringList &kindIds, const std::shared_ptr<const KindCatalog> &catalog)
{
    QList<KindGroup> groups;
    KindGroup loose;
    if (catalog) {
        for (const Pack &pack : catalog->packs())
            groups.append({pack.id, pack.title, {}});
    }
    for (const QString &id : kindIds) {
        const std::shared_ptr<const Kind> kind = catalog ? catalog->kind(id) : nullptr;
        KindGroup *group = &loose;
        for (KindGroup &candidate : groups) {
            if (kind && candidate.pack == kind->pack)
                group = &candidate;
        }
        group->kinds.append(id);
    }
    groups.append(std::move(loose));
    QList<KindGroup> result;
    for (KindGroup &group : groups) {
        if (group.kinds.isEmpty())
            continue;
        group.kinds.sort();
        result.append(std::move(group));
    }
    return result;
}

} // namespace hookscope
