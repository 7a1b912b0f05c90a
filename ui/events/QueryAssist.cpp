#include "QueryAssist.h"

#include "query/QueryParser.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QStringListModel>

namespace hookscope {

namespace {

bool wordChar(QChar c)
{
    return !c.isSpace() && c != u'(' && c != u')' && c != u'"' && c != u'=' && c != u'<' && c != u'>' && c != u'~'
        && c != u'!';
}

} // namespace

QueryAssist::QueryAssist(QLineEdit *edit, QLabel *errorLabel, QObject *parent)
    : QObject(parent)
    , m_edit(edit)
    , m_error(errorLabel)
    , m_completer(new QCompleter(this))
    , m_words(new QStringListModel(this))
{
    m_error->setObjectName(QStringLiteral("queryError"));
    m_error->setTextFormat(Qt::PlainText); // the message quotes what the user typed
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::PlaceholderText);
    m_error->hide();
    m_completer->setModel(m_words);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(m_edit); // not setCompleter(): it completes the word at the caret, not the whole text
    connect(m_edit, &QLineEdit::textEdited, this, &QueryAssist::onTextEdited);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &QueryAssist::insertCompletion);
    refill();
}

void QueryAssist::showError(const QueryError &error)
{
    m_error->setText(tr("Column %1: %2").arg(error.column).arg(error.message));
    m_error->show();
}

void QueryAssist::clearError()
{
    m_error->clear();
    m_error->hide();
}

void QueryAssist::setKinds(const QStringList &kinds)
{
    if (kinds == m_kinds)
        return;
    m_kinds = kinds;
    refill();
}

void QueryAssist::setChosenKind(const QString &kind)
{
    m_chosenKind = kind;
}

void QueryAssist::setPaths(const QString &kind, const QStringList &paths)
{
    m_pathsKind = kind;
    m_paths = paths;
    refill();
}

QString QueryAssist::pathKind() const
{
    static const QRegularExpression term(QStringLiteral("\\bkind\\s*=\\s*\"?([A-Za-z0-9_./-]+)"),
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = term.match(m_edit->text());
    return m.hasMatch() ? m.captured(1) : m_chosenKind;
}

std::pair<int, int> QueryAssist::wordAtCursor() const
{
    const QString text = m_edit->text();
    int start = m_edit->cursorPosition();
    while (start > 0 && wordChar(text.at(start - 1)))
        --start;
    return {start, m_edit->cursorPosition() - start};
}

void QueryAssist::refill()
{
    QStringList words = QueryParser::fieldNames() + m_kinds;
    if (m_pathsKind == pathKind())
        words += m_paths;
    words.removeDuplicates();
    m_words->setStringList(words);
}

void QueryAssist::onTextEdited()
{
    const QString kind = pathKind();
    if (!kind.isEmpty() && kind != m_asked) {
        m_asked = kind;
        Q_EMIT pathsWanted(kind);
    }
    if (kind != m_pathsKind)
        refill();
    const auto [start, length] = wordAtCursor();
    const QString prefix = m_edit->text().mid(start, length);
    if (prefix.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0
        || (m_completer->completionCount() == 1 && m_completer->currentCompletion().compare(prefix, Qt::CaseInsensitive) == 0)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
}

void QueryAssist::insertCompletion(const QString &completion)
{
    const auto [start, length] = wordAtCursor();
    QString text = m_edit->text();
    text.replace(start, length, completion);
    m_edit->setText(text);
    m_edit->setCursorPosition(start + int(completion.size()));
    // The edit is programmatic: textChanged starts the filter's delay as for typing.
}

} // namespace hookscope
