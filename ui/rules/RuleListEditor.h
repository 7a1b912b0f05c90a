#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace hookscope {

class RuleForm;

// The answer rules as a form (issue 26): the ordered list of rules, each with its on/off box
// (add, remove, move up and down), and the selected rule's fields (RuleForm). Works on the
// rules' JSON list; the Settings page keeps it and the JSON editor in step. While the JSON does
// not read as a list of rules, the form is switched off with the reason, and shows nothing
// it could write back: the text stays the one truth.
class RuleListEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit RuleListEditor(QWidget *parent = nullptr);

    // Shows `rules`, keeping the selected row where it can (signals blocked: showing is not editing).
    void setRules(const QJsonArray &rules);
    [[nodiscard]] QJsonArray rules() const { return m_rules; }
    // The JSON does not read as a list of rules: `reason` is shown and the form is off.
    void setUnavailable(const QString &reason);

    [[nodiscard]] QListWidget *list() const { return m_list; }
    [[nodiscard]] RuleForm *form() const { return m_form; }
    [[nodiscard]] QPushButton *addButton() const { return m_add; }
    [[nodiscard]] QPushButton *removeButton() const { return m_remove; }
    [[nodiscard]] QPushButton *upButton() const { return m_up; }
    [[nodiscard]] QPushButton *downButton() const { return m_down; }
    [[nodiscard]] QLabel *stateLabel() const { return m_state; }

Q_SIGNALS:
    void edited();

private:
    void fillList(int select);
    void showSelected();
    void onItemChanged(int row);
    void onFormEdited();
    void addRule();
    void removeRule();
    void moveRule(int by);
    void updateButtons();
    [[nodiscard]] static QString titleOf(const QJsonObject &rule);

    QJsonArray m_rules;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QLabel *m_state;
    RuleForm *m_form;
    bool m_available = true;
};

} // namespace hookscope
