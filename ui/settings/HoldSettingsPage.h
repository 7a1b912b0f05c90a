#pragma once

#include "SettingsPage.h"
#include "hold/PresetCatalog.h"

class QTableView;

namespace hookscope {

class HoldPolicyModel;
class SettingsField;

// Per request kind: hold it open for an answer or answer at once, its deadline and the preset
// sent at the deadline. The table is the HoldPolicyModel of the Hold settings dialog; the keys
// are HoldPolicy's (hold/<kind>/hold, deadlineMs, defaultPreset).
class HoldSettingsPage final : public SettingsPage
{
    Q_OBJECT
public:
    // kinds: the request kinds to list; presets: the answers a kind's deadline may send.
    HoldSettingsPage(const QStringList &kinds, PresetCatalog presets, QWidget *parent = nullptr);

    [[nodiscard]] QString title() const override { return tr("Holding"); }
    void load(const QSettings &settings) override;
    void save(QSettings &settings) const override;
    void restoreDefaults() override;
    [[nodiscard]] QString validate() override;

    // "" for a deadline the table takes, else the reason.
    [[nodiscard]] static QString checkDeadline(const QString &seconds);

    [[nodiscard]] HoldPolicyModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] SettingsField *field() const { return m_field; }

private:
    void setEditProblem(const QString &reason);
    [[nodiscard]] QString policyProblem() const;
    [[nodiscard]] QString presetNote() const;

    QStringList m_kinds;
    PresetCatalog m_presets;
    HoldPolicyModel *m_model;
    QTableView *m_view;
    SettingsField *m_field;
    QString m_editProblem; // the deadline being typed is refused
};

} // namespace hookscope
