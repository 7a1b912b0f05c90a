#include "BodyView.h"

#include "Banner.h"
#include "JsonHighlighter.h"
#include "JsonScanner.h"
#include "Theme.h"

#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace hookscope {

namespace {
constexpr qsizetype kMaxPretty = 8 * 1024 * 1024; // beyond: shown as sent
constexpr qsizetype kMaxHighlight = 1024 * 1024; // beyond: no colouring (highlighting is not lazy)
constexpr qsizetype kMaxHex = 1024 * 1024; // beyond: the dump stops
// Characters laid out in the text view: laying out more (a 20 MB body, a 1 MB line) froze the
// window for seconds (tst_hostileinput). The whole body stays in the store and the exports.
constexpr qsizetype kMaxShown = 256 * 1024;

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

QString sizeText(qsizetype bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_banner(new Banner(this))
    , m_info(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_text(makeTextView(this, QStringLiteral("bodyText")))
    , m_hex(makeTextView(this, QStringLiteral("bodyHex")))
{
    m_banner->setObjectName(QStringLiteral("bodyBanner"));
    m_info->setObjectName(QStringLiteral("bodyInfo"));
    m_info->setTextFormat(Qt::PlainText);
    m_info->setContentsMargins(8, 3, 8, 3);
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_hex);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_info);
    layout->addWidget(m_stack, 1);
}

bool BodyView::claimsJson(const QByteArray &contentType)
{
    const QByteArray type = contentType.toLower();
    return type.contains("/json") || type.contains("+json");
}

bool BodyView::looksBinary(const QByteArray &body)
{
    const QByteArrayView head(body.constData(), qMin<qsizetype>(body.size(), 64 * 1024));
    if (head.contains('\0'))
        return true;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(head);
    // A multi-byte character cut at the 64 KiB mark is not an error of the body.
    return decoder.hasError() && head.size() == body.size();
}

QString BodyView::hexDump(const QByteArray &data, qsizetype limit)
{
    const qsizetype size = qMin(data.size(), limit);
    QString out;
    out.reserve(size * 4 + 16);
    for (qsizetype offset = 0; offset < size; offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < size) {
                const auto byte = static_cast<unsigned char>(data.at(offset + i));
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QChar(byte) : QChar(u'.');
            } else {
                out += QLatin1String("   ");
            }
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    if (data.size() > limit)
        out += tr("… %1 more bytes not shown\n").arg(data.size() - limit);
    return out;
}

void BodyView::clear()
{
    m_mode = Mode::Empty;
    m_banner->clearMessage();
    m_info->clear();
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
    if (text.size() > kMaxShown) {
        m_text->setPlainText(text.left(kMaxShown) + QLatin1Char('\n')
                             + tr("… %L1 more characters not shown").arg(text.size() - kMaxShown));
        highlight = false;
    } else {
        m_text->setPlainText(text);
    }
    if (highlight)
        m_highlighter = new JsonHighlighter(m_text->document(), m_text->palette());
    m_stack->setCurrentWidget(m_text);
}

void BodyView::setBody(const QByteArray &body, const QByteArray &contentType, const QString &note)
{
    clear();
    QStringList info;
    if (!contentType.isEmpty())
        info << QString::fromLatin1(contentType);
    info << sizeText(body.size());
    if (!note.isEmpty())
        info << note;
    if (body.isEmpty()) {
        m_info->setText(tr("No body"));
        return;
    }
    const bool claimed = claimsJson(contentType);
    const QByteArray trimmed = body.trimmed();
    const bool shaped = trimmed.startsWith('{') || trimmed.startsWith('[');
    if (claimed || shaped) {
        const JsonCheck check = JsonScanner::validate(body);
        if (check.ok) {
            m_mode = Mode::Json;
            const bool pretty = body.size() <= kMaxPretty;
            const QByteArray text = pretty ? JsonScanner::prettyPrint(body) : body;
            info << (pretty ? tr("JSON, pretty-printed") : tr("JSON, shown as sent (too large to re-indent)"));
            m_info->setText(info.join(QStringLiteral("  ·  ")));
            showText(QString::fromUtf8(text), text.size() <= kMaxHighlight);
            return;
        }
        if (claimed)
            m_banner->showMessage(tr("Not valid JSON: %1 at offset %2").arg(check.message).arg(check.offset));
    }
    if (looksBinary(body)) {
        m_mode = Mode::Hex;
        info << tr("binary, hex dump");
        m_info->setText(info.join(QStringLiteral("  ·  ")));
        m_hex->setPlainText(hexDump(body, kMaxHex));
        m_stack->setCurrentWidget(m_hex);
        return;
    }
    m_mode = Mode::Text;
    m_info->setText(info.join(QStringLiteral("  ·  ")));
    showText(QString::fromUtf8(body), false);
}

} // namespace hookscope
