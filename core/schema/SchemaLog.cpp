#include "SchemaLog.h"

namespace hookscope {
Q_LOGGING_CATEGORY(lcSchema, "hookscope.schema", QtWarningMsg)
} // namespace hookscope
