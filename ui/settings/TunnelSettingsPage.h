#pragma once

#include "SettingsPage.h"

class QLineEdit;

namespace hookscope {

class SettingsField;

// The ngrok agent whose local API Hookscope watches for the public URL (AppSettings::NgrokApi,
// the --ngrok-api option).
class TunnelSettingsPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit TunnelSettingsPage(QWidget *parent = nullptr);

    [[nodiscard]] QString title() const override { return tr("ngrok"); }
    void load(const QSettings &settings) override;
    void save(QSettings &settings) const override;
    void restoreDefaults() override;
    [[nodiscard]] QString validate() override;

    [[nodiscard]] QLineEdit *agentEdit() const { return m_agent; }
    [[nodiscard]] SettingsField *agentField() const { return m_field; }

private:
    QLineEdit *m_agent;
    SettingsField *m_field;
};

} // namespace hookscope
