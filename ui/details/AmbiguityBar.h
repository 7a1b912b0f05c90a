#pragma once

#include "schema/Classification.h"

#include <QByteArray>
#include <QFrame>
#include <QList>

#include <memory>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace hookscope {

class KindCatalog;

// Shown above an event's details when only its body's shape decided its kind and kinds of one
// vendor pack fit it equally ("before-book-appointment — same shape as after-book-appointment;
// route the path to decide"), with one button per candidate that routes the event's path to it.
// Hidden otherwise. Plain text.
class AmbiguityBar final : public QFrame
{
    Q_OBJECT
public:
    explicit AmbiguityBar(QWidget *parent = nullptr);

    // Classifies body/target with the catalog (bodies over 4 MiB are not looked at).
    void setEvent(const QByteArray &body, const QByteArray &target, const std::shared_ptr<const KindCatalog> &catalog);
    void clear();

    [[nodiscard]] const Classification &classification() const { return m_classification; }
    [[nodiscard]] QLabel *noteLabel() const { return m_note; }
    [[nodiscard]] QList<QPushButton *> routeButtons() const { return m_buttons; }

Q_SIGNALS:
    // Route `path` (exactly, as a user route) to `kind`.
    void routeRequested(const QString &path, const QString &kind);

private:
    QLabel *m_note; // child
    QHBoxLayout *m_buttonsLayout;
    QList<QPushButton *> m_buttons; // children
    Classification m_classification;
};

} // namespace hookscope
