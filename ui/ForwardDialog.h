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
    [[nodiscard]] QLineEdit *urlEdit() const { return m_url; }

    void accept() override;

private:
    QCheckBox *m_enabled;
    QLineEdit *m_url;
    QLineEdit *m_kind;
    QLabel *m_error;
};

} // namespace hookscope
