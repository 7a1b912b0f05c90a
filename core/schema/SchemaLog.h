#pragma once

#include <QLoggingCategory>

namespace hookscope {
// Kinds, schemas, classification and validation (core/schema).
Q_DECLARE_LOGGING_CATEGORY(lcSchema)
} // namespace hookscope
