#pragma once

#include <QString>
#include <optional>

namespace hookscope {

// The filter box's text with a time range the timeline chose: `time >= A and time <= B`
// in front, the user's own terms kept after it. A new range replaces the timeline's earlier
// one (recognised by that exact shape at the front); nothing else of the text is touched.
// Times are local, as the table shows them (docs/QUERY.md, `time`).
class TimelineQuery final
{
public:
    struct Range
    {
        qint64 fromMs = 0;
        qint64 toMs = 0; // inclusive
    };

    [[nodiscard]] static QString literal(qint64 ms);
    [[nodiscard]] static QString withRange(const QString &text, Range range);
    [[nodiscard]] static QString withoutRange(const QString &text);
    [[nodiscard]] static std::optional<Range> rangeIn(const QString &text);
};

} // namespace hookscope
