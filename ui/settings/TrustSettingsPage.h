#pragma once

#include "SettingsPage.h"
#include "schema/Pack.h"

#include <QStringList>
#include <memory>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace hookscope {

class SecretStore;
class SettingsField;
class SignatureRulesModel;

// Secrets and signatures: the endpoint's shared secret and how a sender presents it, the paths
// it accepts, and per kind how a sender signs its requests. Plain values go to QSettings
// through TrustSettings (trust/…); every secret goes to the SecretStore only.
class TrustSettingsPage final : public SettingsPage
{
    Q_OBJECT
public:
    // secrets: where secrets are read and written (not owned); null: the app's default store.
    // packs: the vendor packs in effect; one rule ("cubu/*") may cover each enabled one that
    // names its signature scheme, so the user gives that vendor's secret once.
    TrustSettingsPage(const QStringList &kindIds, SecretStore *secrets, const QList<Pack> &packs = {},
                      QWidget *parent = nullptr);
    ~TrustSettingsPage() override;

    [[nodiscard]] QString title() const override { return tr("Secrets and signatures"); }
    void load(const QSettings &settings) override;
    void save(QSettings &settings) const override;
    [[nodiscard]] bool savesOnlySettings() const override { return false; } // signing secrets go to the SecretStore
    void restoreDefaults() override;
    [[nodiscard]] QString validate() override;

    [[nodiscard]] QLineEdit *secretEdit() const { return m_secret; }
    [[nodiscard]] QComboBox *modeBox() const { return m_mode; }
    [[nodiscard]] QLineEdit *queryNameEdit() const { return m_queryName; }
    [[nodiscard]] QPlainTextEdit *pathsEdit() const { return m_paths; }
    [[nodiscard]] SignatureRulesModel *rulesModel() const { return m_rules; }
    [[nodiscard]] QTableView *rulesView() const { return m_view; }
    [[nodiscard]] QSpinBox *toleranceBox() const { return m_tolerance; }
    [[nodiscard]] QComboBox *packBox() const { return m_pack; }
    [[nodiscard]] QPushButton *addPackButton() const { return m_addPack; }
    // Adds (or selects) the rule of the pack chosen in packBox(), its scheme filled in; its row.
    int addPackRule();
    [[nodiscard]] const QList<SettingsField *> &fields() const { return m_fields; }

private:
    [[nodiscard]] QString checkSecret() const;
    [[nodiscard]] QString checkQueryName() const;
    [[nodiscard]] QString checkPaths() const;
    [[nodiscard]] QStringList pathLines() const;

    std::unique_ptr<SecretStore> m_ownSecrets; // when none was given
    SecretStore *m_secrets; // not owned (or m_ownSecrets)
    QLineEdit *m_secret;
    QComboBox *m_mode;
    QLineEdit *m_queryName;
    QPlainTextEdit *m_paths;
    SignatureRulesModel *m_rules;
    QTableView *m_view;
    QSpinBox *m_tolerance;
    QPushButton *m_add;
    QPushButton *m_remove;
    QComboBox *m_pack; // the enabled packs naming a signature scheme
    QPushButton *m_addPack;
    QList<SettingsField *> m_fields;
    QStringList m_loadedKinds; // signature secrets to drop when their rule is removed
};

} // namespace hookscope
