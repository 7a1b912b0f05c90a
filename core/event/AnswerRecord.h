#pragma once

#include "event/HttpMessage.h"

#include <QMetaType>
#include <QString>

namespace hookscope {

// Who decided the answer to a held request.
enum class AnswerSource : int {
    Click = 1, // the user, in the Respond panel
    Deadline = 2, // nobody answered in time: the kind's default answer went out
    Preset = 3, // --respond KIND=PRESET answered it at once
    ClientGone = 4, // the client closed the connection first: nothing was sent
    Shutdown = 5, // Hookscope was closing: the default answer went out
    LocalApp = 6, // the app the hook was forwarded to answered it (--forward-answers)
    Rule = 7, // an answer rule (issue 26, branch rules26); status 0: it dropped the connection
};

// What was answered to a held (or --respond) request, kept beside the event (event_answer).
struct AnswerRecord
{
    qint64 id = 0; // event id
    AnswerSource source = AnswerSource::Click;
    HttpResponse response; // status 0 when nothing was sent (ClientGone)
    qint64 afterMs = 0; // arrival of the request's first byte → answer (or disconnect)
    QString presetId; // the preset that built it, when one did
    QString rule; // the answer rule that decided it (AnswerSource::Rule)

    [[nodiscard]] bool sent() const
    {
        return source != AnswerSource::ClientGone && !(source == AnswerSource::Rule && response.status == 0);
    }
    // "click", "deadline", "--respond", "client gone", "shutdown", "local app", "rule"
    [[nodiscard]] static QString sourceName(AnswerSource source);
    // "answered by click after 3.2 s", "client disconnected after 4.0 s: nothing sent"
    [[nodiscard]] QString describe() const;
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::AnswerRecord)
