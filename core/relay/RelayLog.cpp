#include "RelayLog.h"

namespace hookscope {
Q_LOGGING_CATEGORY(lcRelay, "hookscope.relay", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTunnel, "hookscope.tunnel", QtWarningMsg)
} // namespace hookscope
