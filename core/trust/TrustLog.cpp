#include "TrustLog.h"

namespace hookscope {
Q_LOGGING_CATEGORY(lcTrust, "hookscope.trust", QtWarningMsg)
} // namespace hookscope
