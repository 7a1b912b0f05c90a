#pragma once

#include <QLoggingCategory>

namespace hookscope {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
} // namespace hookscope
