#pragma once

#include "AppOptions.h"
#include "session/SessionConfig.h"

namespace hookscope {

// The command line (and the hold settings saved in QSettings) as a CaptureSession sees them:
// the store, the receiver, enrichment, the --signature rules, the hold policy with the
// --respond rules over it, the presets, the ngrok agent. The window puts its saved trust
// settings over the signature rules (ui/MainWindow).
[[nodiscard]] SessionConfig sessionConfig(const AppOptions &options);

// The built-in hold policy, the user's settings over it, the command line's --respond rules.
[[nodiscard]] HoldPolicy savedHoldPolicy(const AppOptions &options);

// --rule FILE when given (switched on), else the user's answer-rules.json (Settings), else none.
[[nodiscard]] AnswerRuleSet savedAnswerRules(const AppOptions &options);

} // namespace hookscope
