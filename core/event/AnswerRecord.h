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

// How the user gave an answer (AnswerSource::Click); Unknown for every other source and for
// answers recorded before it was kept (issue 24.9, branch win24c).
enum class AnswerVia : int {
    Unknown = 0,
    Button = 1, // a click on a preset button or Send custom
    Shortcut = 2, // a preset's key (Ctrl+1), Return in its argument, Ctrl+Return in the editor
    SendAnyway = 3, // "Send anyway": sent although it breaks the kind's response schema
};

// What the events table says about an answer (EventSummary): who decided it and how, without
// its headers and body. Read from event_answer with the row, so it survives a restart.
struct AnswerMark
{
    AnswerSource source = AnswerSource::Click;
    AnswerVia via = AnswerVia::Unknown;
    int status = 0; // 0: nothing was sent
    qint64 afterMs = 0;
    QString presetId;
    QString presetTitle; // the preset's name when it was answered ("Accept"); may be empty
    QString rule;
    bool invalid = false; // the answer broke the kind's response schema

    [[nodiscard]] bool sent() const
    {
        return source != AnswerSource::ClientGone && !(source == AnswerSource::Rule && status == 0);
    }
    // "answered 200 by click after 3.2 s", "client disconnected after 4.0 s: nothing sent"
    [[nodiscard]] QString describe() const;
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
    AnswerVia via = AnswerVia::Unknown; // how the user answered (AnswerSource::Click)
    QString presetTitle; // the preset's name ("Accept") at the time, when a preset built it
    bool invalid = false; // it broke the kind's response schema (Send anyway, a local app's answer)

    [[nodiscard]] bool sent() const
    {
        return source != AnswerSource::ClientGone && !(source == AnswerSource::Rule && response.status == 0);
    }
    // "click", "deadline", "--respond", "client gone", "shutdown", "local app", "rule"
    [[nodiscard]] static QString sourceName(AnswerSource source);
    // "answered by click after 3.2 s", "client disconnected after 4.0 s: nothing sent"
    [[nodiscard]] QString describe() const { return mark().describe(); }
    [[nodiscard]] AnswerMark mark() const;
    // The stored names of AnswerVia ("button", "shortcut", "send anyway"; empty for Unknown).
    [[nodiscard]] static QString viaName(AnswerVia via);
    [[nodiscard]] static AnswerVia viaFromName(const QString &name); // Unknown when not one
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::AnswerRecord)
