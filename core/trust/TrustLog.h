#pragma once

#include <QLoggingCategory>

namespace hookscope {
// Endpoint protection and signature verification (core/trust).
Q_DECLARE_LOGGING_CATEGORY(lcTrust)
} // namespace hookscope
