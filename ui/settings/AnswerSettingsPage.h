#pragma once

#include "SettingsPage.h"

class QLineEdit;
class QPlainTextEdit;

namespace hookscope {

class SettingsField;

// The default answer every request gets: status, headers (one "Name: value" per line) and body
// (checked as JSON; text that is not JSON is allowed with a note).
class AnswerSettingsPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit AnswerSettingsPage(QWidget *parent = nullptr);

    [[nodiscard]] QString title() const override { return tr("Default answer"); }
    void load(const QSettings &settings) override;
    void save(QSettings &settings) const override;
    void restoreDefaults() override;
    [[nodiscard]] QString validate() override;

    [[nodiscard]] QLineEdit *statusEdit() const { return m_status; }
    [[nodiscard]] QPlainTextEdit *headersEdit() const { return m_headers; }
    [[nodiscard]] QPlainTextEdit *bodyEdit() const { return m_body; }
    [[nodiscard]] SettingsField *bodyField() const { return m_fields.at(2); }

private:
    [[nodiscard]] QStringList headerLines() const;

    QLineEdit *m_status;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QList<SettingsField *> m_fields;
};

} // namespace hookscope
