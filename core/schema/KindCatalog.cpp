#include "KindCatalog.h"

namespace hookscope {

KindCatalog::KindCatalog(QList<std::shared_ptr<const Kind>> kinds, QHash<QString, QString> userRoutes,
                         QStringList errors)
    : m_kinds(std::move(kinds))
    , m_userRoutes(std::move(userRoutes))
    , m_errors(std::move(errors))
{
}

std::shared_ptr<const Kind> KindCatalog::kind(const QString &id) const
{
    for (const std::shared_ptr<const Kind> &kind : m_kinds) {
        if (kind->id == id)
            return kind;
    }
    return nullptr;
}

} // namespace hookscope
