#pragma once

#include <QSet>
#include <QStandardItemModel>

#include <memory>

namespace hookscope {

class KindCatalog;

// The kinds Hookscope knows, grouped by vendor pack: a vendor row (checkable: the pack is on)
// with one child row per kind, then the kinds of no pack. Columns: the kind (or vendor) and its
// title, how it is answered, its routes and the page its schema was written from. Plain text.
class PackKindsModel final : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, AnswerColumn, RoutesColumn, SourceColumn, ColumnCount };
    enum Role { PackRole = Qt::UserRole + 1, KindRole };

    explicit PackKindsModel(QObject *parent = nullptr);

    void setCatalog(const std::shared_ptr<const KindCatalog> &catalog);
    // Packs whose box is unchecked.
    [[nodiscard]] QSet<QString> disabledPacks() const;
    [[nodiscard]] QSet<QString> initiallyDisabledPacks() const { return m_initiallyDisabled; }

private:
    QSet<QString> m_initiallyDisabled;
};

} // namespace hookscope
