#pragma once

#include "Kind.h"
#include "Pack.h"

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
    KindCatalog(QList<std::shared_ptr<const Kind>> kinds, QHash<QString, QString> userRoutes, QStringList errors,
                QList<Pack> packs = {});

    // In priority order: user kinds (which may replace a built-in id) before built-ins.
    [[nodiscard]] const QList<std::shared_ptr<const Kind>> &kinds() const { return m_kinds; }
    // By id, or vendor-qualified ("cubu/before-book-appointment").
    [[nodiscard]] std::shared_ptr<const Kind> kind(const QString &id) const;
    // The vendor packs in effect (disabled ones included, marked), user packs first.
    [[nodiscard]] const QList<Pack> &packs() const { return m_packs; }
    [[nodiscard]] const Pack *pack(const QString &id) const;
    // Request path -> kind id, configured by the user; checked before the kinds' own routes.
    [[nodiscard]] const QHash<QString, QString> &userRoutes() const { return m_userRoutes; }
    // Files that could not be loaded, "path: reason".
    [[nodiscard]] const QStringList &errors() const { return m_errors; }

private:
    QList<std::shared_ptr<const Kind>> m_kinds;
    QHash<QString, QString> m_userRoutes;
    QStringList m_errors;
    QList<Pack> m_packs;
};

} // namespace hookscope
