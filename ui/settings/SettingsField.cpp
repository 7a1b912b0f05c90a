#include "SettingsField.h"

#include "PlainLabel.h"

#include "Theme.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace hookscope {

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
    // An editor of fixed height (Headers, Allowed paths) must not take a taller row: the extra
    // height went between it and its explanation, which floated far below (issue 24.25).
    if (editor->minimumHeight() > 0 && editor->minimumHeight() == editor->maximumHeight())
        editor->setSizePolicy(editor->sizePolicy().horizontalPolicy(), QSizePolicy::Fixed);
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

SettingsField *SettingsField::addRow(QFormLayout *form, const QString &label, QWidget *editor, const QString &explanation,
                                     Check check)
{
    QWidget *page = form->parentWidget();
    auto *field = new SettingsField(QString(label).remove(QLatin1Char('&')), editor, explanation, page);
    field->setCheck(std::move(check));
    auto *l = new QLabel(label, page);
    l->setBuddy(editor);
    form->addRow(l, field);
    return field;
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
