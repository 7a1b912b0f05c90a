#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include "event/SignatureStatus.h"

namespace hookscope {

// What is learnt about a stored event after it was answered: its kind and whether it
// matches its schema. Computed off the receive path by the EnrichmentService.
struct EventInfo
{
    enum class Validity : int {
        NotInspectable = -4, // the inspection failed or was stopped: jsonError says why
        NotChecked = -3, // no row yet: "validating…"
        NotJson = -2,
        Unknown = -1, // JSON, but of no known kind
        Invalid = 0,
        Valid = 1,
    };

    qint64 id = 0;
    QString kind; // kind id, empty when unknown
    QString eventName; // e.g. data.eventType of a callback request
    QString entityId; // what "the same entity" means for the Diff tab
    Validity validity = Validity::NotChecked;
    int violationCount = 0;
    QByteArray violationsJson; // [{"pointer","message","keyword"}], compact
    QString jsonError; // parser error with offset, when the body claims JSON but is not; for
                       // NotInspectable why ("could not be inspected: out of memory")
    QString languages; // translation languages found in the body, space-separated ("en nl fr")
    int missingTranslations = 0; // (field, language) cells missing a language another field has
    // Trust (event_trust): the signature check by the rule of the event's kind, and why the
    // endpoint refused the request (empty when accepted).
    SignatureStatus signature = SignatureStatus::NotChecked;
    QString signatureReason;
    QString rejection;

    [[nodiscard]] bool isChecked() const { return validity != Validity::NotChecked; }

    // An event whose inspection failed (an exception, the time limit, a crash in an earlier run).
    [[nodiscard]] static EventInfo notInspectable(qint64 id, const QString &reason)
    {
        EventInfo info;
        info.id = id;
        info.validity = Validity::NotInspectable;
        info.jsonError = reason;
        return info;
    }
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::EventInfo)
