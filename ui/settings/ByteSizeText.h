#pragma once

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace hookscope {

// A size as the Settings dialog shows and takes it (issue 24.24): "16 MiB" rather than a raw
// 16777216. Units are binary and named so (B, KiB, MiB, GiB); K/KB, M/MB and G/GB are taken as
// their binary namesakes, a bare number is bytes, a fraction is allowed ("1.5 MiB").
class ByteSizeText final
{
    Q_DECLARE_TR_FUNCTIONS(ByteSizeText)

public:
    // The largest unit that shows `bytes` exactly ("16 MiB", "1536 KiB", "1000 B"): what is saved
    // is what was shown.
    [[nodiscard]] static QString format(qint64 bytes);
    // Bytes, or nullopt when `text` is not a size (or not a whole number of bytes).
    [[nodiscard]] static std::optional<qint64> parse(const QString &text);
    // Empty when `text` is a size within [min, max]; else the reason, with the range in units.
    [[nodiscard]] static QString check(const QString &text, qint64 min, qint64 max);
};

} // namespace hookscope
