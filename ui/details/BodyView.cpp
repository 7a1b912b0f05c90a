#include "BodyView.h"

#include "Banner.h"
#include "BodyMarks.h"
#include "FindBar.h"
#include "JsonHighlighter.h"
#include "LatestOnlyWorker.h"
#include "PlainToolTip.h"
#include "Theme.h"
#include "JsonTreeModel.h" // ViolationState

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QHelpEvent>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace hookscope {

namespace {

// "Show all" feeds this much text at a time: one append stays well under a frame or two.
constexpr qsizetype kChunkChars = 256 * 1024;

// The next chunk of `rest`, ending after a line break when there is one (the highlighter
// colours whole lines).
QString takeChunk(QString *rest)
{
    qsizetype end = std::min(rest->size(), kChunkChars);
    if (end < rest->size()) {
        const qsizetype lineEnd = rest->lastIndexOf(QLatin1Char('\n'), end - 1);
        if (lineEnd > 0)
            end = lineEnd + 1;
    }
    QString chunk = rest->left(end);
    rest->remove(0, end);
    return chunk;
}

QPlainTextEdit *makeTextView(QWidget *parent, const QString &name)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(Theme::monospace());
    view->setFrameShape(QFrame::NoFrame);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}
} // namespace

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_banner(new Banner(this))
    , m_info(new QLabel(this))
    , m_save(new QToolButton(this))
    , m_more(new QToolButton(this))
    , m_stack(new QStackedWidget(this))
    , m_text(makeTextView(this, QStringLiteral("bodyText")))
    , m_hex(makeTextView(this, QStringLiteral("bodyHex")))
    , m_worker(new LatestOnlyWorker(this))
    , m_find(new FindBar(m_text, this))
{
    m_banner->setObjectName(QStringLiteral("bodyBanner"));
    m_info->setObjectName(QStringLiteral("bodyInfo"));
    m_info->setTextFormat(Qt::PlainText);
    m_info->setContentsMargins(8, 3, 8, 3);
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_save->setObjectName(QStringLiteral("bodySave"));
    m_save->setText(tr("Save body…"));
    m_save->setToolTip(tr("Write the whole body, not only the part shown, to a file"));
    m_save->setAutoRaise(true);
    m_save->hide();
    connect(m_save, &QToolButton::clicked, this, &BodyView::askAndSave);
    m_more->setObjectName(QStringLiteral("bodyShowAll"));
    m_more->setText(tr("Show all"));
    m_more->setToolTip(tr("Show the whole body here; the rest comes in as you scroll"));
    m_more->setAutoRaise(true);
    m_more->hide();
    connect(m_more, &QToolButton::clicked, this, &BodyView::showAll);
    connect(m_text->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_rest.isEmpty() && value >= m_text->verticalScrollBar()->maximum() - m_text->verticalScrollBar()->pageStep())
            appendMore();
    });
    connect(m_find, &FindBar::selectionsChanged, this, &BodyView::updateSelections);
    m_text->viewport()->installEventFilter(this);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_hex);
    auto *infoRow = new QHBoxLayout;
    infoRow->setContentsMargins(0, 0, 4, 0);
    infoRow->addWidget(m_info, 1);
    infoRow->addWidget(m_more);
    infoRow->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addLayout(infoRow);
    layout->addWidget(m_find);
    layout->addWidget(m_stack, 1);
}

bool BodyView::isLoading() const
{
    return m_worker->isBusy();
}

void BodyView::clear()
{
    m_worker->cancel();
    m_body.clear();
    m_rest.clear();
    m_whole = false;
    m_violations.clear();
    m_markLines.clear();
    m_markSelections.clear();
    m_mode = Mode::Empty;
    m_banner->clearMessage();
    m_info->clear();
    m_save->hide();
    m_more->hide();
    delete m_highlighter;
    m_highlighter = nullptr;
    m_text->clear();
    m_hex->clear();
    m_stack->setCurrentWidget(m_text);
    m_find->refresh();
}

void BodyView::showText(const QString &text, bool highlight)
{
    delete m_highlighter;
    m_highlighter = nullptr;
    m_text->setPlainText(text);
    if (highlight)
        m_highlighter = new JsonHighlighter(m_text->document(), m_text->palette());
    m_stack->setCurrentWidget(m_text);
}

void BodyView::setBody(const QByteArray &body, const QByteArray &contentType, const QString &note)
{
    clear();
    m_body = body;
    m_contentType = contentType;
    m_note = note;
    if (body.size() <= LatestOnlyWorker::kSyncLimit) {
        apply(BodyFormatter::format(body, contentType, note));
        Q_EMIT loaded();
        return;
    }
    // Validation and pretty-printing are proportional to the body: a worker does them.
    m_info->setText(tr("Formatting %1…").arg(BodyFormatter::sizeText(body.size())));
    m_worker->start([body, contentType, note] { return BodyFormatter::format(body, contentType, note); },
                    [this](const BodyFormat &format) {
                        apply(format);
                        Q_EMIT loaded();
                    });
}

void BodyView::apply(const BodyFormat &format)
{
    m_mode = format.mode;
    m_info->setText(format.info);
    if (!format.banner.isEmpty())
        m_banner->showMessage(format.banner);
    m_save->setVisible(format.cut);
    m_more->setVisible(format.cut && format.mode != Mode::Hex);
    m_whole = !format.cut;
    if (format.mode == Mode::Hex) {
        m_hex->setPlainText(format.text);
        m_stack->setCurrentWidget(m_hex);
        m_find->refresh();
        return;
    }
    if (format.text.size() > kChunkChars) { // "Show all": the first chunk now, the rest on scrolling
        m_rest = format.text;
        showText(takeChunk(&m_rest), format.highlight);
    } else {
        showText(format.text, format.highlight);
    }
    updateMarks();
    m_find->refresh();
}

void BodyView::showAll()
{
    if (m_body.isEmpty() || m_whole)
        return;
    m_more->hide();
    m_info->setText(tr("Formatting %1…").arg(BodyFormatter::sizeText(m_body.size())));
    // Always on the worker: the whole body is what made it big.
    m_worker->start([body = m_body, contentType = m_contentType, note = m_note] {
        return BodyFormatter::format(body, contentType, note, -1);
    },
                    [this](const BodyFormat &format) {
                        const QList<ViolationEntry> violations = m_violations;
                        apply(format);
                        m_violations = violations;
                        updateMarks();
                        m_info->setText(format.info + (m_rest.isEmpty() ? QString() : tr("  ·  the rest comes in as you scroll")));
                        Q_EMIT loaded();
                    });
}

void BodyView::appendMore()
{
    if (m_rest.isEmpty())
        return;
    QTextCursor end(m_text->document());
    end.movePosition(QTextCursor::End);
    end.insertText(takeChunk(&m_rest));
    if (m_rest.isEmpty())
        updateMarks();
}

void BodyView::setViolations(const QList<ViolationEntry> &violations)
{
    m_violations = violations;
    updateMarks();
}

void BodyView::updateMarks()
{
    m_markLines.clear();
    m_markSelections.clear();
    if (m_mode == Mode::Json && m_whole && m_rest.isEmpty() && !m_violations.isEmpty())
        m_markLines = BodyMarks::lines(m_text->toPlainText().toUtf8(), m_violations);
    QTextCharFormat format;
    format.setBackground(Theme::violationBackground(ViolationState::Offending, m_text->palette()));
    format.setProperty(QTextFormat::FullWidthSelection, true);
    for (auto it = m_markLines.cbegin(); it != m_markLines.cend(); ++it) {
        QTextCursor line(m_text->document()->findBlockByNumber(it.key()));
        m_markSelections.append({line, format});
    }
    updateSelections();
}

void BodyView::updateSelections()
{
    m_text->setExtraSelections(m_markSelections + m_find->selections());
}

void BodyView::setSearchTerm(const QString &term)
{
    m_find->setTerm(term);
    m_find->setVisible(!term.isEmpty() || m_find->isVisible());
}

void BodyView::openFind()
{
    if (!m_rest.isEmpty()) { // find looks through the whole text
        QTextCursor end(m_text->document());
        end.movePosition(QTextCursor::End);
        end.insertText(m_rest);
        m_rest.clear();
        updateMarks();
    }
    m_find->open();
}

bool BodyView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_text->viewport() && event->type() == QEvent::ToolTip && !m_markLines.isEmpty()) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int line = m_text->cursorForPosition(help->pos()).blockNumber();
        if (const auto it = m_markLines.constFind(line); it != m_markLines.cend()) {
            QToolTip::showText(help->globalPos(), PlainToolTip::html(it->join(QLatin1Char('\n'))), m_text->viewport());
            return true;
        }
        QToolTip::hideText();
    }
    return QWidget::eventFilter(watched, event);
}

bool BodyView::saveBody(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_body) != m_body.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void BodyView::askAndSave()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save body"), QString());
    if (path.isEmpty())
        return;
    QString error;
    if (saveBody(path, &error))
        return;
    QMessageBox box(QMessageBox::Warning, tr("Save body"), tr("Could not save the body: %1").arg(error), QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace hookscope
