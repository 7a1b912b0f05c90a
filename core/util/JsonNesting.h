#pragma once

#include <QByteArray>

#include <limits>

namespace hookscope {

// The deepest nesting of arrays and objects in JSON text, brackets inside strings not counted
// (the text need not be valid JSON). Recursive parsers and serialisers check it first, so a
// hostile body nested a million deep stays text instead of exhausting the stack. Stops as soon
// as the depth exceeds `stopAbove` and returns that depth.
[[nodiscard]] int jsonNestingDepth(const QByteArray &text, int stopAbove = std::numeric_limits<int>::max());

} // namespace hookscope
