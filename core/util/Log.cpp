#include "util/Log.h"

namespace hookscope {
Q_LOGGING_CATEGORY(lcHttp, "hookscope.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "hookscope.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApp, "hookscope.app", QtWarningMsg)
} // namespace hookscope
