#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace hookscope {

// The public tunnel URL with a copy button (the owner hides it while there is none).
class PublicUrlBox final : public QWidget
{
    Q_OBJECT
public:
    explicit PublicUrlBox(QWidget *parent = nullptr);

    void setUrl(const QString &url);
    [[nodiscard]] QString url() const { return m_url; }
    [[nodiscard]] QLabel *label() const { return m_label; }
    [[nodiscard]] QToolButton *copyButton() const { return m_copy; }

Q_SIGNALS:
    void copied(const QString &url);

private:
    QLabel *m_label;
    QToolButton *m_copy;
    QString m_url;
};

} // namespace hookscope
