#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace hookscope {

// "Forward…": switches forwarding of incoming events to a local URL on or off, for every
// event or one kind.
class ForwardDialog final : public QDialog
{
    Q_OBJECT
public:
    ForwardDialog(const QUrl &url, const QString &kind, QWidget *parent = nullptr);

    // Empty when forwarding is switched off.
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] QString kind() const;
    [[nodiscard]] QCheckBox *enabledCheck() const { return m_enabled; }
    // Held hooks (Before Book) are answered with the app's answer.
    [[nodiscard]] bool answersHeld() const;
    void setAnswersHeld(bool on);
    [[nodiscard]] QCheckBox *answersHeldCheck() const { return m_answersHeld; }
    [[nodiscard]] QLineEdit *urlEdit() const { return m_url; }
    [[nodiscard]] QLineEdit *kindEdit() const { return m_kind; }

    void accept() override;

private:
    QCheckBox *m_enabled;
    QCheckBox *m_answersHeld;
    QLineEdit *m_url;
    QLineEdit *m_kind;
    QLabel *m_error;
};

} // namespace hookscope
