#pragma once

#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;

namespace hookscope {

// An editor with its one-line explanation under it, and two lines that appear when needed: the
// reason a value is refused (error colour) and a note that does not block saving (a warning).
// All plain text.
class SettingsField final : public QWidget
{
    Q_OBJECT
public:
    using Check = std::function<QString()>; // "" when fine

    SettingsField(const QString &name, QWidget *editor, const QString &explanation, QWidget *parent = nullptr);

    // Adds a row "label  [editor + explanation]" to form (its parent widget owns it); the label's
    // mnemonic focuses the editor. The field's name is the label without '&'.
    static SettingsField *addRow(QFormLayout *form, const QString &label, QWidget *editor, const QString &explanation,
                                 Check check);

    void setCheck(Check check) { m_check = std::move(check); }
    void setNote(Check note) { m_note = std::move(note); }
    // Runs the check and the note, shows or hides their lines; returns "Name: reason" or "".
    QString validate();
    // Validates every field (each shows its own reason); returns the first reason or "".
    static QString validateAll(const QList<SettingsField *> &fields);

    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QWidget *editor() const { return m_editor; }
    [[nodiscard]] QLabel *errorLabel() const { return m_error; }
    [[nodiscard]] QLabel *noteLabel() const { return m_noteLabel; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    QString m_name;
    QWidget *m_editor; // child
    QLabel *m_error; // child
    QLabel *m_noteLabel; // child
    Check m_check;
    Check m_note;
};

} // namespace hookscope
