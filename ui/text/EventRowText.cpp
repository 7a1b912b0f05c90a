#include "EventRowText.h"

#include "event/HttpMessage.h"

#include <QCoreApplication>
#include <QStringList>

namespace hookscope {

int EventRowText::validityRank(EventInfo::Validity validity)
{
    switch (validity) {
    case EventInfo::Validity::NotChecked:
        return 0;
    case EventInfo::Validity::Unknown:
        return 1;
    case EventInfo::Validity::NotJson:
        return 2;
    case EventInfo::Validity::NotInspectable:
        return 5;
    case EventInfo::Validity::Valid:
        return 3;
    case EventInfo::Validity::Invalid:
        return 4;
    }
    return 0;
}

QString EventRowText::kind(const EventInfo &info)
{
    switch (info.validity) {
    case EventInfo::Validity::NotChecked:
        return tr("validating…");
    case EventInfo::Validity::NotJson:
        return tr("not JSON");
    case EventInfo::Validity::NotInspectable:
        return tr("not inspectable");
    default:
        break;
    }
    if (info.kind.isEmpty())
        return tr("unknown");
    return info.eventName.isEmpty() ? info.kind : info.kind + QStringLiteral(" · ") + info.eventName;
}

QString EventRowText::kindToolTip(const EventInfo &info)
{
    if (!info.isChecked() || info.kind.isEmpty())
        return info.validity == EventInfo::Validity::Unknown ? tr("No known kind matches this body") : kind(info);
    QString text = tr("Kind: %1").arg(info.kind);
    if (!info.eventName.isEmpty())
        text += QLatin1Char('\n') + tr("Event: %1").arg(info.eventName);
    if (!info.entityId.isEmpty())
        text += QLatin1Char('\n') + tr("Entity: %1").arg(info.entityId);
    return text;
}

QString EventRowText::validity(const EventInfo &info)
{
    switch (info.validity) {
    case EventInfo::Validity::NotChecked:
        return tr("validating…");
    case EventInfo::Validity::NotJson:
        return tr("not JSON");
    case EventInfo::Validity::Unknown:
        return {};
    case EventInfo::Validity::NotInspectable:
        return tr("not inspectable");
    case EventInfo::Validity::Valid:
        return tr("valid");
    case EventInfo::Validity::Invalid:
        return info.violationCount == 1 ? tr("1 violation") : tr("%L1 violations").arg(info.violationCount);
    }
    return {};
}

QString EventRowText::status(int status)
{
    return QStringLiteral("%1 %2").arg(status).arg(QString::fromLatin1(reasonPhrase(status)));
}

QString EventRowText::result(const EventSummary &row)
{
    QString words = validity(row.info);
    // Trust first: a refused request or a bad signature matters more than the schema.
    const QString trust = !row.info.rejection.isEmpty() ? tr("rejected")
        : row.info.signature == SignatureStatus::Invalid ? tr("signature invalid")
        : row.info.signature == SignatureStatus::Valid   ? tr("signed")
        : row.info.signature == SignatureStatus::Replayed ? tr("signed, replayed id")
                                                         : QString();
    if (!trust.isEmpty())
        words = words.isEmpty() ? trust : trust + QStringLiteral(" · ") + words;
    if (row.responseStatus <= 0)
        return words;
    if (words.isEmpty())
        return status(row.responseStatus);
    return QStringLiteral("%1 · %2").arg(row.responseStatus).arg(words);
}

QString EventRowText::resultToolTip(const EventSummary &row)
{
    QStringList lines;
    if (row.responseStatus > 0)
        lines << tr("Answered %1").arg(status(row.responseStatus));
    if (row.info.validity == EventInfo::Validity::Unknown)
        lines << tr("Not validated: no known kind");
    else if (row.info.validity == EventInfo::Validity::NotJson && !row.info.jsonError.isEmpty())
        lines << tr("Not JSON: %1").arg(row.info.jsonError);
    else if (row.info.validity == EventInfo::Validity::NotInspectable)
        lines << tr("Not inspected: %1").arg(row.info.jsonError);
    else
        lines << validity(row.info);
    if (!row.info.rejection.isEmpty())
        lines << tr("Rejected: %1").arg(row.info.rejection);
    if (row.info.signature == SignatureStatus::Valid)
        lines << tr("Signature valid: %1").arg(row.info.signatureReason);
    else if (row.info.signature == SignatureStatus::Invalid)
        lines << tr("Signature invalid: %1").arg(row.info.signatureReason);
    else if (row.info.signature == SignatureStatus::Replayed)
        lines << tr("Signature valid, replayed: %1").arg(row.info.signatureReason);
    if (row.imported)
        lines << tr("Imported from a file (received at the time shown)");
    return lines.join(QLatin1Char('\n'));
}

} // namespace hookscope
