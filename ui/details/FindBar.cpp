#include "FindBar.h"

#include "Theme.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>

namespace hookscope {

FindBar::FindBar(QPlainTextEdit *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_field(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_close(new QToolButton(this))
    , m_typingDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("findBar"));
    m_field->setObjectName(QStringLiteral("findField"));
    m_field->setPlaceholderText(tr("Find in body"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    // Room for "match 1,234 of 5,000+" from the start: the buttons never move as counts change.
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(tr("match %L1 of %L2+").arg(8888).arg(8888)) + 8);
    m_previous->setObjectName(QStringLiteral("findPrevious"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_previous->setAutoRaise(true);
    m_next->setObjectName(QStringLiteral("findNext"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (F3)"));
    m_next->setAutoRaise(true);
    m_close->setObjectName(QStringLiteral("findClose"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Close (Esc)"));
    m_close->setAutoRaise(true);
    m_typingDelay->setSingleShot(true);
    m_typingDelay->setInterval(150);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 4, 2);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_close);

    connect(m_field, &QLineEdit::textChanged, m_typingDelay, qOverload<>(&QTimer::start));
    connect(m_typingDelay, &QTimer::timeout, this, &FindBar::search);
    connect(m_field, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        m_editor->setFocus(Qt::OtherFocusReason);
    });
    hide();
}

void FindBar::open()
{
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void FindBar::setTerm(const QString &term)
{
    m_typingDelay->stop();
    if (term != m_field->text()) {
        const QSignalBlocker blocker(m_field);
        m_field->setText(term);
    }
    search();
}

QString FindBar::term() const
{
    return m_field->text();
}

void FindBar::refresh()
{
    search();
}

void FindBar::search()
{
    m_typingDelay->stop();
    m_matches.clear();
    m_capped = false;
    m_current = -1;
    const QString term = m_field->text();
    if (!term.isEmpty()) {
        const QTextDocument *document = m_editor->document();
        QTextCursor at(m_editor->document());
        while (true) {
            at = document->find(term, at); // plain text, case-insensitive
            if (at.isNull())
                break;
            if (m_matches.size() >= kMaxMatches) {
                m_capped = true;
                break;
            }
            m_matches.append(at);
        }
    }
    if (!m_matches.isEmpty())
        go(0);
    updateStatus();
    Q_EMIT selectionsChanged();
}

void FindBar::findNext()
{
    if (m_typingDelay->isActive() || m_matches.isEmpty())
        search();
    else
        go((m_current + 1) % int(m_matches.size()));
    updateStatus();
    Q_EMIT selectionsChanged();
}

void FindBar::findPrevious()
{
    if (m_typingDelay->isActive())
        search();
    if (m_matches.isEmpty())
        return;
    go((m_current - 1 + int(m_matches.size())) % int(m_matches.size()));
    updateStatus();
    Q_EMIT selectionsChanged();
}

void FindBar::go(int index)
{
    m_current = index;
    m_editor->setTextCursor(m_matches.at(index));
    m_editor->centerCursor();
}

QString FindBar::statusText() const
{
    if (m_field->text().isEmpty())
        return {};
    if (m_matches.isEmpty())
        return tr("no match");
    const QString total = m_capped ? tr("%L1+").arg(m_matches.size()) : QLocale().toString(m_matches.size());
    return tr("match %L1 of %2").arg(m_current + 1).arg(total);
}

void FindBar::updateStatus()
{
    m_status->setText(statusText());
}

QList<QTextEdit::ExtraSelection> FindBar::selections() const
{
    QList<QTextEdit::ExtraSelection> out;
    out.reserve(m_matches.size());
    const QPalette palette = m_editor->palette();
    QTextCharFormat all;
    all.setBackground(Theme::findBackground(palette, false));
    QTextCharFormat current;
    current.setBackground(Theme::findBackground(palette, true));
    for (int i = 0; i < m_matches.size(); ++i)
        out.append({m_matches.at(i), i == m_current ? current : all});
    return out;
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            m_close->click();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() & Qt::ShiftModifier) {
            findPrevious();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace hookscope
