#pragma once

#include <QLoggingCategory>

namespace hookscope {
Q_DECLARE_LOGGING_CATEGORY(lcRelay)
Q_DECLARE_LOGGING_CATEGORY(lcTunnel)
} // namespace hookscope
