#pragma once

#include "hold/AnswerRuleSet.h"
#include "hold/HoldPolicy.h"
#include "http/ReceiverConfig.h"
#include "store/EventStore.h"
#include "trust/SignatureRule.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace hookscope {

// Everything the command line can set for the GUI and --headless modes.
struct AppOptions
{
    bool headless = false;
    bool portGiven = false; // the GUI falls back to the last port used when not given
    QString dbPath; // empty: EventStore::defaultPath()
    SyncMode sync = SyncMode::Full;
    bool validate = true; // classify and validate stored events in the background
    int inspectTimeoutMs = 5000; // --inspect-timeout: one event's inspection at most (0: no limit)
    ReceiverConfig receiver; // receiver.guard: --secret, --secret-mode, --allow-path
    SignatureRules signatures; // --signature, --signatures
    int signatureTolerance = 300; // --signature-tolerance: seconds a signed timestamp may be off (0: not checked)
    bool forwardResign = false; // --forward-resign: sign forwarded requests again, fresh timestamp
    QString publicUrl; // --public-url: the URL senders use ({url} of Square's signature), else ngrok's
    QString screenshotPath; // --screenshot: render the window with sample events to this PNG and exit
    QUrl forwardUrl; // --forward: send every stored event on to this local URL (empty: off)
    QString forwardKind; // --forward-kind: only events of this kind
    bool forwardAnswers = false; // --forward-answers: the app's answer answers a held hook
    QUrl ngrokApi = QUrl(QStringLiteral("http://127.0.0.1:4040")); // --ngrok-api: the agent to watch
    QList<RespondRule> respond; // --respond KIND=PRESET[:ARG]: answer that kind at once with a preset
    QString ruleFile; // --rule FILE: answer rules (issue 26), switched on; empty: the user's rule file
    AnswerRuleSet answerRules; // parsed from ruleFile when given
    QStringList givenOptions; // the options set on the command line ("port", ...): they win over settings
};

enum class ParseOutcome { Run, Help, Version, Error };

class CommandLine final
{
public:
    // args[0] is the program name, as in QCoreApplication::arguments().
    [[nodiscard]] static ParseOutcome parse(const QStringList &args, AppOptions *options, QString *error);
    [[nodiscard]] static QString helpText();
};

} // namespace hookscope
