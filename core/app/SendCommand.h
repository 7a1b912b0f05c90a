#pragma once

#include <QStringList>

namespace hookscope {

// `hookscope send KIND --to URL [--set /pointer=value]… [--sign] [--count N] [--invalid]`: sends
// the kind's sample (or a captured event, --event ID) to the user's app as its vendor would,
// prints each answer and its latency, and with --invalid a summary of which schema-breaking
// variants the app accepted. Exit status: 0 as expected, 1 the app answered otherwise (a refused
// event, an accepted variant, an answer that breaks the response schema), 2 usage, 3 not answered.
[[nodiscard]] int runSendCommand(const QStringList &args);

} // namespace hookscope
