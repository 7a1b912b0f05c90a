#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace hookscope {

// The fields of one answer rule (issue 26, docs/ANSWER-RULES.md): its match and its action.
// Works on the rule's JSON object, not on a parsed AnswerRule, so that nothing is lost: a field
// the user edits writes only its own member(s); every other member (one the form does not show,
// or a value the form cannot hold, such as a delay that is not a number) stays as it was. What
// the user types goes into the JSON as typed ("abc" as a status stays "abc"), and the rule
// parser's verdict on the result is shown under the form, so a bad value says why.
class RuleForm final : public QWidget
{
    Q_OBJECT
public:
    explicit RuleForm(QWidget *parent = nullptr);

    // Shows `rule` (signals blocked: showing is not editing).
    void setRule(const QJsonObject &rule);
    [[nodiscard]] QJsonObject rule() const { return m_rule; }
    // Why the rule would not load ("" when it would), as shown under the form.
    [[nodiscard]] QString problem() const;

    // "500, 500, 200" -> [500, 500, 200]; one status -> 503; a word stays a string for the parser to refuse.
    [[nodiscard]] static QJsonValue statusesFromText(const QString &text);
    // The value to compare with: JSON when it reads as JSON (10, true, "10"), else the text.
    [[nodiscard]] static QJsonValue valueFromText(const QString &text);
    [[nodiscard]] static QString textOfValue(const QJsonValue &value);

    // The editors, for tests and the page's tab order.
    [[nodiscard]] QLineEdit *nameEdit() const { return m_name; }
    [[nodiscard]] QLineEdit *kindEdit() const { return m_kind; }
    [[nodiscard]] QLineEdit *pathEdit() const { return m_path; }
    [[nodiscard]] QComboBox *methodBox() const { return m_method; }
    [[nodiscard]] QComboBox *onBox() const { return m_on; }
    [[nodiscard]] QLineEdit *onNameEdit() const { return m_onName; }
    [[nodiscard]] QLineEdit *valueEdit() const { return m_value; }
    [[nodiscard]] QComboBox *actionBox() const { return m_action; }
    [[nodiscard]] QLineEdit *statusEdit() const { return m_status; }
    [[nodiscard]] QPlainTextEdit *headersEdit() const { return m_headers; }
    [[nodiscard]] QPlainTextEdit *bodyEdit() const { return m_body; }
    [[nodiscard]] QSpinBox *delayBox() const { return m_delay; }
    [[nodiscard]] QSpinBox *jitterBox() const { return m_jitter; }
    [[nodiscard]] QSpinBox *timeoutBox() const { return m_timeout; }
    [[nodiscard]] QLabel *problemLabel() const { return m_problem; }

    enum class On { Anything, Header, Pointer };

Q_SIGNALS:
    void edited();

private:
    void setMatchMember(const QString &member, const QJsonValue &value);
    void writeCondition();
    void writeStatus();
    void writeHeaders();
    void writeBody();
    void writeNumber(const QString &member, int value, int unset);
    void changed();
    void updateEnabledFields();

    QJsonObject m_rule;
    QLineEdit *m_name;
    QLineEdit *m_kind;
    QLineEdit *m_path;
    QComboBox *m_method;
    QComboBox *m_on;
    QLineEdit *m_onName;
    QLineEdit *m_value;
    QComboBox *m_action;
    QLineEdit *m_status;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QSpinBox *m_delay;
    QSpinBox *m_jitter;
    QSpinBox *m_timeout;
    QLabel *m_problem;
};

} // namespace hookscope
