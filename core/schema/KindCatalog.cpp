#include "KindCatalog.h"

namespace hookscope {

KindCatalog::KindCatalog(QList<std::shared_ptr<const Kind>> kinds, QHash<QString, QString> userRoutes,
                         QStringList errors, QList<Pack> packs)
    : m_kinds(std::move(kinds))
    , m_userRoutes(std::move(userRoutes))
    , m_errors(std::move(errors))
    , m_packs(std::move(packs))
{
}

const Pack *KindCatalog::pack(const QString &id) const
{
    for (const Pack &pack : m_packs) {
        if (pack.id == id)
            return &pack;
    }
    return nullptr;
}

std::shared_ptr<const Kind> KindCatalog::kind(const QString &id) const
{
    for (const std::shared_ptr<const Kind> &kind : m_kinds) {
        if (kind->id == id)
            return kind;
    }
    // "pack/id": a kind id never holds '/', so this cannot shadow a plain id.
    const qsizetype slash = id.indexOf(u'/');
    if (slash > 0) {
        const QStringView pack = QStringView(id).left(slash);
        const QStringView plain = QStringView(id).mid(slash + 1);
        for (const std::shared_ptr<const Kind> &kind : m_kinds) {
            if (kind->pack == pack && kind->id == plain)
                return kind;
        }
    }
    return nullptr;
}

} // namespace hookscope
