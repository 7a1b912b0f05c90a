#include "SafeText.h"

namespace hookscope {

namespace {
bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

QString escaped(char32_t c)
{
    if (c == u'\n')
        return QStringLiteral("\\n");
    if (c == u'\t')
        return QStringLiteral("\\t");
    if (c == u'\r')
        return QStringLiteral("\\r");
    if (c < 0x100)
        return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

QString clean(const QByteArray &bytes, qsizetype maxChars, bool keepLines)
{
    const QString text = QString::fromUtf8(bytes); // invalid UTF-8 -> U+FFFD
    QString out;
    out.reserve(text.size());
    for (const char32_t c : text.toUcs4()) {
        if (maxChars >= 0 && out.size() >= maxChars) {
            out += QStringLiteral("…");
            break;
        }
        const bool layout = keepLines && (c == u'\n' || c == u'\t');
        if (!layout && (c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiControl(c)))
            out += escaped(c);
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}
} // namespace

QString SafeText::forTerminal(const QByteArray &bytes, qsizetype maxChars)
{
    return clean(bytes, maxChars, true);
}

QString SafeText::oneLine(const QByteArray &bytes, qsizetype maxChars)
{
    return clean(bytes, maxChars, false);
}

} // namespace hookscope
