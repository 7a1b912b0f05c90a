#include "SettingsField.h"

#include "Theme.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace hookscope {

namespace {
QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}
} // namespace

SettingsField::SettingsField(const QString &name, QWidget *editor, const QString &explanation, QWidget *parent)
    : QWidget(parent)
    , m_name(name)
    , m_editor(editor)
    , m_error(plainLabel(QString(), this))
    , m_noteLabel(plainLabel(QString(), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->setSpacing(2);
    editor->setParent(this);
    layout->addWidget(editor);
    QLabel *help = plainLabel(explanation, this);
    help->setObjectName(QStringLiteral("explanation"));
    help->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(help);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->hide();
    layout->addWidget(m_error);
    m_noteLabel->setObjectName(QStringLiteral("note"));
    m_noteLabel->hide();
    layout->addWidget(m_noteLabel);
    applyColours();
}

QString SettingsField::validate()
{
    const QString reason = m_check ? m_check() : QString();
    m_error->setText(reason);
    m_error->setVisible(!reason.isEmpty());
    const QString note = reason.isEmpty() && m_note ? m_note() : QString();
    m_noteLabel->setText(note);
    m_noteLabel->setVisible(!note.isEmpty());
    return reason.isEmpty() ? QString() : m_name + QStringLiteral(": ") + reason;
}

QString SettingsField::validateAll(const QList<SettingsField *> &fields)
{
    QString first;
    for (SettingsField *field : fields) {
        const QString reason = field->validate();
        if (first.isEmpty())
            first = reason;
    }
    return first;
}

void SettingsField::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void SettingsField::applyColours()
{
    QPalette error = m_error->palette();
    error.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_error->setPalette(error);
    QPalette note = m_noteLabel->palette();
    note.setColor(QPalette::WindowText, Theme::warningText(palette()));
    m_noteLabel->setPalette(note);
}

} // namespace hookscope
