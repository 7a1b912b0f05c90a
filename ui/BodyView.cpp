#include "BodyView.h"

#include "Banner.h"
#include "JsonHighlighter.h"
#include "LatestOnlyWorker.h"
#include "Theme.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace hookscope {

namespace {
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
    , m_stack(new QStackedWidget(this))
    , m_text(makeTextView(this, QStringLiteral("bodyText")))
    , m_hex(makeTextView(this, QStringLiteral("bodyHex")))
    , m_worker(new LatestOnlyWorker(this))
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
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_hex);
    auto *infoRow = new QHBoxLayout;
    infoRow->setContentsMargins(0, 0, 4, 0);
    infoRow->addWidget(m_info, 1);
    infoRow->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addLayout(infoRow);
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
    m_mode = Mode::Empty;
    m_banner->clearMessage();
    m_info->clear();
    m_save->hide();
    delete m_highlighter;
    m_highlighter = nullptr;
    m_text->clear();
    m_hex->clear();
    m_stack->setCurrentWidget(m_text);
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
    if (format.mode == Mode::Hex) {
        m_hex->setPlainText(format.text);
        m_stack->setCurrentWidget(m_hex);
        return;
    }
    showText(format.text, format.highlight);
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
