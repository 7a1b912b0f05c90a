#pragma once

#include "Kind.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <memory>

namespace hookscope {

// An immutable snapshot of the loaded kinds and the user's routes. SchemaRegistry swaps in a new
// one on reload; a worker thread keeps validating against the snapshot it holds.
class KindCatalog final {
public:
    KindCatalog() = default;
    KindCatalog(QList<std::shared_ptr<const Kind>> kinds, QHash<QString, QString> userRoutes, QStringList errors);

    // In priority order: user kinds (which may replace a built-in id) before built-ins.
    [[nodiscard]] const QList<std::shared_ptr<const Kind>> &kinds() const { return m_kinds; }
    [[nodiscard]] std::shared_ptr<const Kind> kind(const QString &id) const;
    // Request path -> kind id, configured by the user; checked before the kinds' own routes.
    [[nodiscard]] const QHash<QString, QString> &userRoutes() const { return m_userRoutes; }
    // Files that could not be loaded, "path: reason".
    [[nodiscard]] const QStringList &errors() const { return m_errors; }

private:
    QList<std::shared_ptr<const Kind>> m_kinds;
    QHash<QString, QString> m_userRoutes;
    QStringList m_errors;
};

} // namespace hookscope
