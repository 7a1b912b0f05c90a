#pragma once

#include "SettingsPage.h"

class QLineEdit;

namespace hookscope {

class SettingsField;

// Port, bind address (with a warning when it is reachable from other machines) and the
// receiver's limits. Keys in AppSettings; defaults from ReceiverConfig.
class ReceiverSettingsPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit ReceiverSettingsPage(QWidget *parent = nullptr);

    [[nodiscard]] QString title() const override { return tr("Receiver"); }
    void load(const QSettings &settings) override;
    void save(QSettings &settings) const override;
    void restoreDefaults() override;
    [[nodiscard]] QString validate() override;

    [[nodiscard]] QLineEdit *portEdit() const { return m_port; }
    [[nodiscard]] QLineEdit *bindEdit() const { return m_bind; }
    [[nodiscard]] QLineEdit *maxBodyEdit() const { return m_maxBody; }
    [[nodiscard]] SettingsField *portField() const { return m_fields.at(0); }
    [[nodiscard]] SettingsField *bindField() const { return m_fields.at(1); }

private:
    QLineEdit *m_port;
    QLineEdit *m_bind;
    QLineEdit *m_maxBody;
    QLineEdit *m_maxHead;
    QLineEdit *m_idle;
    QLineEdit *m_maxConnections;
    QList<SettingsField *> m_fields;
};

} // namespace hookscope
