#pragma once

#include "SettingsPage.h"

class QLineEdit;
class QPushButton;
class QTableView;
class QTreeView;

namespace hookscope {

class PackKindsModel;
class RoutesModel;
class SettingsField;

// Where the user's kinds (schemas) live, the kinds grouped by vendor pack (a pack can be
// switched off: a {"disabled": true} pack.json in the user's packs folder), and which request
// paths mean which kind, whatever the body. kindIds: the kinds a route may name.
class KindsSettingsPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit KindsSettingsPage(const QStringList &kindIds, QWidget *parent = nullptr);

    [[nodiscard]] QString title() const override { return tr("Kinds and schemas"); }
    void load(const QSettings &settings) override;
    void save(QSettings &settings) const override;
    void restoreDefaults() override;
    [[nodiscard]] QString validate() override;

    [[nodiscard]] QLineEdit *folderEdit() const { return m_folder; }
    [[nodiscard]] RoutesModel *routesModel() const { return m_routes; }
    [[nodiscard]] QTableView *routesView() const { return m_view; }
    [[nodiscard]] QPushButton *addButton() const { return m_add; }
    [[nodiscard]] PackKindsModel *packsModel() const { return m_packs; }
    [[nodiscard]] QTreeView *packsView() const { return m_packsView; }

private:
    QLineEdit *m_folder;
    RoutesModel *m_routes;
    QTableView *m_view;
    QPushButton *m_add;
    QPushButton *m_remove;
    PackKindsModel *m_packs;
    QTreeView *m_packsView;
    QList<SettingsField *> m_fields;
};

} // namespace hookscope
