#pragma once

#include "event/AnswerRecord.h"
#include "event/Event.h"
#include "event/EventInfo.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <type_traits>

namespace hookscope {

// What the live table needs of an event, without its bodies.
struct EventSummary
{
    qint64 id = 0;
    qint64 receivedAtMs = 0;
    QByteArray method;
    QByteArray target;
    int responseStatus = 0;
    qint64 bodySize = 0;
    QString sender;
    QByteArray contentType;
    EventInfo info; // info.isChecked() is false until enrichment ran
    bool imported = false; // came from an imported file
    std::optional<AnswerMark> answer; // a held hook's answer, as stored (event_answer)
};

// The table keeps its rows in a std::vector: growing it must move them, never copy.
static_assert(std::is_nothrow_move_constructible_v<EventSummary>);

// The one event → row mapping: a just-stored event on the live path and the store's
// summary reads (EventStore::summaries) both go through it. `info` as far as it is known
// (trust from the capture: the event's rejection fills in when info has none);
// `storedBodySize` stands for the body when it was not read (the store's body_size column).
[[nodiscard]] EventSummary summaryOf(const Event &event, const EventInfo &info = {},
                                     std::optional<qint64> storedBodySize = std::nullopt);

} // namespace hookscope
