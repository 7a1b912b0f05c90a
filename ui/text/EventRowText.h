#pragma once

#include "store/EventStore.h"

#include <QCoreApplication>
#include <QString>

namespace hookscope {

// The words of the kind and result columns (plain text; the delegate adds colour and icon).
class EventRowText final
{
    Q_DECLARE_TR_FUNCTIONS(EventRowText)

public:
    // "callback-request · CallbackRequestCreate", "validating…", "not JSON", "unknown".
    [[nodiscard]] static QString kind(const EventInfo &info);
    [[nodiscard]] static QString kindToolTip(const EventInfo &info);
    // What validation found: "valid", "3 violations", "validating…", "not JSON"; empty
    // when there is nothing to say (unknown kind).
    [[nodiscard]] static QString validity(const EventInfo &info);
    // "200 OK"
    [[nodiscard]] static QString status(int status);
    // "200 · valid", "200 · 3 violations", "200 OK" (unknown kind).
    [[nodiscard]] static QString result(const EventSummary &row);
    [[nodiscard]] static QString resultToolTip(const EventSummary &row);
    // Sort order of the validity states, invalid last.
    [[nodiscard]] static int validityRank(EventInfo::Validity validity);
};

} // namespace hookscope
