#pragma once

#include "SettingsPage.h"

class QCheckBox;
class QPlainTextEdit;

namespace hookscope {

class SettingsField;

// Answer rules (issue 26): the "Simulate failures" switch as saved, and the ordered rules as the
// JSON of the rule file (docs/ANSWER-RULES.md), checked as they are typed with the parser that
// reads the file, so a rule that would not load cannot be saved. Kept in the user's rule file
// (AnswerRuleSet::userFile(), beside the presets), not in QSettings: the same file --rule takes.
class RulesSettingsPage final : public SettingsPage
{
    Q_OBJECT
public:
    // `file`: where the rules are read from and saved to.
    explicit RulesSettingsPage(QString file, QWidget *parent = nullptr);

    [[nodiscard]] QString title() const override { return tr("Answer rules"); }
    void load(const QSettings &settings) override;
    void save(QSettings &settings) const override;
    void restoreDefaults() override;
    [[nodiscard]] QString validate() override;

    [[nodiscard]] QCheckBox *enabledBox() const { return m_enabled; }
    [[nodiscard]] QPlainTextEdit *rulesEdit() const { return m_rules; }
    [[nodiscard]] SettingsField *rulesField() const { return m_field; }
    // What save() writes last failed with ("" when it worked).
    [[nodiscard]] QString saveError() const { return m_saveError; }

private:
    // The rule file the page stands for: the switch and the rules' JSON list.
    [[nodiscard]] QByteArray fileText() const;

    QString m_file;
    QCheckBox *m_enabled;
    QPlainTextEdit *m_rules;
    SettingsField *m_field;
    mutable QString m_saveError;
};

} // namespace hookscope
