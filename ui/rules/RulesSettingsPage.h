#pragma once

#include "SettingsPage.h"

class QCheckBox;
class QPlainTextEdit;

namespace hookscope {

class RuleListEditor;
class SettingsField;

// Answer rules (issue 26): the "Simulate failures" switch as saved, and the ordered rules as the
// JSON of the rule file (docs/ANSWER-RULES.md), checked as they are typed with the parser that
// reads the file, so a rule that would not load cannot be saved. Above the JSON, the same rules
// as a form (RuleListEditor): editing either rewrites the other. Kept in the user's rule file
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
    [[nodiscard]] RuleListEditor *ruleEditor() const { return m_editor; }
    // What save() writes last failed with ("" when it worked).
    [[nodiscard]] QString saveError() const { return m_saveError; }

private:
    // The rule file the page stands for: the switch and the rules' JSON list.
    [[nodiscard]] QByteArray fileText() const;
    // The JSON as typed into the form, or why the form cannot show it.
    void showTextInForm();
    void writeFormToText();

    QString m_file;
    QCheckBox *m_enabled;
    QPlainTextEdit *m_rules;
    RuleListEditor *m_editor;
    SettingsField *m_field;
    bool m_writingText = false; // the form is rewriting the JSON: not read back into the form
    mutable QString m_saveError;
};

} // namespace hookscope
