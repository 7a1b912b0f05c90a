#include "ForwardDialog.h"

#include "enrich/DefaultInspector.h"
#include "relay/RequestReplayer.h"
#include "schema/KindCatalog.h"

#include <QCheckBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace hookscope {

ForwardDialog::ForwardDialog(const QUrl &url, const QString &kind, QWidget *parent)
    : QDialog(parent)
    , m_enabled(new QCheckBox(tr("Forward incoming events to my local app"), this))
    , m_answersHeld(new QCheckBox(tr("&Answer held hooks with my app's answer"), this))
    , m_url(new QLineEdit(this))
    , m_kind(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("forwardDialog"));
    setWindowTitle(tr("Forward events"));
    m_enabled->setChecked(!url.isEmpty());
    m_url->setText(url.isEmpty() ? QStringLiteral("http://localhost:3000/webhooks") : url.toString());
    m_url->setPlaceholderText(QStringLiteral("http://localhost:3000/webhooks"));
    m_kind->setText(kind);
    m_kind->setPlaceholderText(tr("every kind (or e.g. before-book-appointment)"));
    // The known kinds as you type (issue 24.25): a typo would forward nothing, silently.
    QStringList kinds;
    if (const std::shared_ptr<const KindCatalog> catalog = appKindCatalog()) {
        for (const auto &known : catalog->kinds())
            kinds.append(known->id);
    }
    kinds.sort();
    auto *completer = new QCompleter(kinds, m_kind);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_kind->setCompleter(completer);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    auto *note = new QLabel(tr("Each event is sent on after Hookscope stored and answered it, with the event's path "
                               "appended to the URL; the app's answer and latency are shown in the Forward tab."),
                            this);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setTextFormat(Qt::PlainText);
        l->setBuddy(buddy);
        return l;
    };
    auto *form = new QFormLayout;
    form->addRow(m_enabled);
    form->addRow(label(tr("&URL"), m_url), m_url);
    form->addRow(label(tr("&Kind"), m_kind), m_kind);
    form->addRow(m_answersHeld);
    m_answersHeld->setToolTip(tr("A held Before Book hook gets the status, headers and body your app answered; "
                                 "when the app cannot be reached it stays held for you or its deadline."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ForwardDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

bool ForwardDialog::answersHeld() const
{
    return m_enabled->isChecked() && m_answersHeld->isChecked();
}

void ForwardDialog::setAnswersHeld(bool on)
{
    m_answersHeld->setChecked(on);
}

QUrl ForwardDialog::url() const
{
    return m_enabled->isChecked() ? QUrl::fromUserInput(m_url->text().trimmed()) : QUrl();
}

QString ForwardDialog::kind() const
{
    return m_kind->text().trimmed();
}

void ForwardDialog::accept()
{
    if (m_enabled->isChecked()) {
        if (const QString problem = RequestReplayer::checkUrl(url()); !problem.isEmpty()) {
            m_error->setText(problem);
            return;
        }
    }
    QDialog::accept();
}

} // namespace hookscope
