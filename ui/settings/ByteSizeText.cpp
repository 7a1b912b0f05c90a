#include "ByteSizeText.h"

#include <QRegularExpression>
#include <array>
#include <cmath>
#include <utility>

namespace hookscope {

namespace {
constexpr std::array<std::pair<const char *, int>, 4> kUnits{{{"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"B", 0}}};
} // namespace

QString ByteSizeText::format(qint64 bytes)
{
    for (const auto &[unit, shift] : kUnits) {
        const qint64 size = qint64(1) << shift;
        if (bytes != 0 && bytes % size == 0)
            return QStringLiteral("%1 %2").arg(bytes / size).arg(QLatin1StringView(unit));
    }
    return QStringLiteral("%1 B").arg(bytes);
}

std::optional<qint64> ByteSizeText::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*(\d{1,15}(?:[.,]\d{1,9})?)\s*([a-z]*)\s*$)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QString unit = match.captured(2).toLower();
    int shift = -1;
    if (unit.isEmpty() || unit == QLatin1String("b") || unit == QLatin1String("bytes") || unit == QLatin1String("byte"))
        shift = 0;
    else if (unit == QLatin1String("k") || unit == QLatin1String("kb") || unit == QLatin1String("kib"))
        shift = 10;
    else if (unit == QLatin1String("m") || unit == QLatin1String("mb") || unit == QLatin1String("mib"))
        shift = 20;
    else if (unit == QLatin1String("g") || unit == QLatin1String("gb") || unit == QLatin1String("gib"))
        shift = 30;
    if (shift < 0)
        return std::nullopt;
    QString number = match.captured(1);
    number.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    const double value = number.toDouble(&ok) * double(qint64(1) << shift);
    // At most 15 digits times 2^30: inside a double's exact range only up to 2^53.
    if (!ok || !std::isfinite(value) || value > 9.0e15 || value != std::floor(value))
        return std::nullopt;
    return qint64(value);
}

QString ByteSizeText::check(const QString &text, qint64 min, qint64 max)
{
    const std::optional<qint64> bytes = parse(text);
    if (!bytes || *bytes < min || *bytes > max)
        return tr("Enter a size from %1 to %2, such as 16 MiB, 512 KiB or a number of bytes.")
            .arg(format(min), format(max));
    return {};
}

} // namespace hookscope
