#include "ResponseView.h"

#include "BodyFormatter.h"
#include "EventTableModel.h"
#include "JsonHighlighter.h"
#include "ResponseText.h"
#include "Theme.h"
#include "event/HttpMessage.h"
#include "event/Event.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hookscope {

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_note(new QLabel(this))
    , m_headers(new QTreeWidget(this))
    , m_body(new QPlainTextEdit(this))
{
    m_status->setObjectName(QStringLiteral("responseStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setContentsMargins(8, 6, 8, 6);
    m_headers->setObjectName(QStringLiteral("responseHeaders"));
    m_headers->setHeaderLabels({tr("Name"), tr("Value")});
    m_headers->setRootIsDecorated(false);
    m_headers->setAlternatingRowColors(true);
    m_headers->header()->resizeSection(0, 220);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setReadOnly(true);
    m_body->setFont(Theme::monospace());
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_headers);
    split->addWidget(m_body);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_status);
    m_note->setObjectName(QStringLiteral("responseNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setContentsMargins(8, 0, 8, 6);
    m_note->hide();
    layout->addWidget(m_note);
    layout->addWidget(split, 1);
}

QString ResponseView::durationText(qint64 handlingUs)
{
    if (handlingUs < 0)
        return tr("handling time not recorded");
    if (handlingUs < 1000)
        return tr("handled in %1 µs").arg(handlingUs);
    if (handlingUs < 1'000'000)
        return tr("handled in %1 ms").arg(double(handlingUs) / 1000.0, 0, 'f', 2);
    return tr("handled in %1 s").arg(double(handlingUs) / 1e6, 0, 'f', 2);
}

void ResponseView::clear()
{
    m_status->clear();
    m_headers->clear();
    m_body->clear();
}

void ResponseView::setEvent(const Event &event)
{
    const HttpResponse &r = event.response;
    QString line = QStringLiteral("%1 %2  ·  %3")
                       .arg(r.status)
                       .arg(QString::fromLatin1(reasonPhrase(r.status)), durationText(event.handlingUs));
    if (!event.error.isEmpty())
        line += QStringLiteral("  ·  ") + tr("answered by the receiver: %1").arg(event.error);
    m_status->setText(line);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, Theme::resultColor(EventTableModel::classify(r.status), palette()));
    m_status->setPalette(p);

    m_headers->clear();
    for (const auto &[name, value] : ResponseText::sentHeaders(r))
        new QTreeWidgetItem(m_headers, {QString::fromLatin1(name), QString::fromUtf8(value)});
    // JSON answers read like the Body tab: indented and coloured (issue 24, point 4).
    delete m_highlighter;
    m_highlighter = nullptr;
    // BodyFormatter keeps the key order as sent and bounds what a big answer costs.
    QByteArray contentType;
    for (const auto &[name, value] : r.headers) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            contentType = value;
    }
    const BodyFormat format = BodyFormatter::format(r.body, contentType);
    if (format.mode == BodyMode::Json) {
        m_body->setPlainText(format.text);
        if (format.highlight)
            m_highlighter = new JsonHighlighter(m_body->document(), m_body->palette());
    } else {
        m_body->setPlainText(QString::fromUtf8(r.body));
    }
}

void ResponseView::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString ResponseView::note() const
{
    return m_note->text();
}

} // namespace hookscope
