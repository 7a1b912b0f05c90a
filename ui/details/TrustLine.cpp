#include "TrustLine.h"

#include "PlainToolTip.h"
#include "Theme.h"

namespace hookscope {

TrustLine::TrustLine(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("trustLine"));
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(6, 0, 6, 4);
    setWordWrap(true);
    hide();
}

QString TrustLine::signatureText(const EventInfo &info)
{
    switch (info.signature) {
    case SignatureStatus::Valid:
        return tr("✓ Signature valid: %1").arg(info.signatureReason);
    case SignatureStatus::Invalid:
        return tr("✕ Signature invalid: %1").arg(info.signatureReason);
    case SignatureStatus::Replayed:
        return tr("✕ Signature valid, but %1").arg(info.signatureReason);
    case SignatureStatus::NotChecked:
        break;
    }
    return info.signatureReason.isEmpty() ? QString() : tr("Signature %1").arg(info.signatureReason);
}

void TrustLine::setRejection(const QString &rejection)
{
    m_rejection = rejection;
    m_signature.clear();
    refresh();
}

void TrustLine::setInfo(const EventInfo &info)
{
    if (!info.rejection.isEmpty())
        m_rejection = info.rejection;
    m_signature = signatureText(info);
    refresh();
}

void TrustLine::clearTrust()
{
    m_rejection.clear();
    m_signature.clear();
    refresh();
}

void TrustLine::refresh()
{
    QStringList lines;
    if (!m_rejection.isEmpty())
        lines << tr("✕ Rejected by the endpoint (not answered by any hook): %1").arg(m_rejection);
    if (!m_signature.isEmpty())
        lines << m_signature;
    setText(lines.join(QLatin1Char('\n')));
    setToolTip(PlainToolTip::html(text()));
    const bool bad = !m_rejection.isEmpty() || m_signature.startsWith(QStringLiteral("✕"));
    QPalette p = palette();
    p.setColor(QPalette::WindowText, bad ? Theme::errorText(p) : Theme::okText(p));
    setPalette(p);
    setVisible(!lines.isEmpty());
}

} // namespace hookscope
