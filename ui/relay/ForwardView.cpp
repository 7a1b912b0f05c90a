#include "ForwardView.h"

#include "ResponseText.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace hookscope {

ForwardView::ForwardView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_response(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("forwardView"));
    m_summary->setObjectName(QStringLiteral("forwardSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setContentsMargins(6, 4, 6, 4);
    m_response->setReadOnly(true);
    m_response->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_response->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_response, 1);
    clear();
}

void ForwardView::clear()
{
    setRecord(std::nullopt);
}

void ForwardView::setRecord(const std::optional<ForwardRecord> &record)
{
    if (!record) {
        m_summary->setText(tr("Not forwarded. Start Hookscope with --forward URL (or use Forward… in the toolbar) "
                              "to send every event on to your local app and see its answer here."));
        m_response->clear();
        m_response->setVisible(false);
        return;
    }
    const QString when = QDateTime::fromMSecsSinceEpoch(record->forwardedAtMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    if (record->ok()) {
        m_summary->setText(tr("Forwarded to %1 at %2: %3 %4 in %5")
                               .arg(record->url, when)
                               .arg(record->status)
                               .arg(QString::fromLatin1(reasonPhrase(record->status)), ResponseText::latency(record->latencyUs)));
        m_response->setPlainText(ResponseText::format(record->status, reasonPhrase(record->status), record->responseHeaders,
                                                      record->responseBody));
        m_response->setVisible(true);
    } else {
        m_summary->setText(tr("Forwarding to %1 at %2 failed: %3").arg(record->url, when, record->error));
        m_response->clear();
        m_response->setVisible(false);
    }
}

QString ForwardView::summaryText() const
{
    return m_summary->text();
}

} // namespace hookscope
