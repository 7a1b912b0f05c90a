#include "ValueText.h"

#include <QLocale>

#include <nlohmann/json.hpp>
#include <valijson/internal/adapter.hpp>

#include <cmath>

namespace hookscope {

QString ValueText::number(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString ValueText::quoted(const QString &text, int maxChars)
{
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), maxChars) + 4);
    out += u'"';
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (count == maxChars) {
            out += QChar(0x2026); // …
            break;
        }
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case u'"': out += QLatin1String("\\\""); break;
        case u'\\': out += QLatin1String("\\\\"); break;
        case u'\n': out += QLatin1String("\\n"); break;
        case u'\r': out += QLatin1String("\\r"); break;
        case u'\t': out += QLatin1String("\\t"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
        if (!c.isHighSurrogate())
            ++count;
    }
    out += u'"';
    return out;
}

QString ValueText::quotedUtf8(const std::string &utf8, int maxChars)
{
    // Only the head is needed: do not convert a megabyte to show sixty characters.
    const std::size_t headBytes = static_cast<std::size_t>(maxChars) * 4 + 4;
    if (utf8.size() <= headBytes)
        return quoted(QString::fromUtf8(utf8.data(), qsizetype(utf8.size())), maxChars);
    QString head = QString::fromUtf8(utf8.data(), qsizetype(headBytes));
    head += u'x'; // forces the "…" even if the cut fell on a character boundary
    return quoted(head, maxChars);
}

QString ValueText::json(const nlohmann::json &value, int maxChars)
{
    if (value.is_string())
        return quotedUtf8(value.get_ref<const std::string &>(), maxChars);
    const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    QString out = QString::fromUtf8(text.data(), qsizetype(text.size()));
    if (out.size() > maxChars) {
        out.truncate(maxChars);
        out += QChar(0x2026);
    }
    return out;
}

QString ValueText::of(const valijson::adapters::Adapter &value)
{
    if (value.isNull())
        return QStringLiteral("null");
    if (value.isBool())
        return value.getBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isInteger())
        return QString::number(value.getInteger());
    if (value.isNumber())
        return number(value.getNumber());
    if (value.isString())
        return quotedUtf8(value.getString());
    if (value.isArray())
        return QStringLiteral("an array");
    return QStringLiteral("an object");
}

QString ValueText::ofJson(const nlohmann::json &value)
{
    if (value.is_array())
        return QStringLiteral("an array");
    if (value.is_object())
        return QStringLiteral("an object");
    return json(value);
}

QString ValueText::typeName(const valijson::adapters::Adapter &value)
{
    if (value.isNull())
        return QStringLiteral("null");
    if (value.isBool())
        return QStringLiteral("boolean");
    if (value.isNumber())
        return QStringLiteral("number");
    if (value.isString())
        return QStringLiteral("string");
    if (value.isArray())
        return QStringLiteral("array");
    return QStringLiteral("object");
}

QString ValueText::typeNameOfJson(const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null: return QStringLiteral("null");
    case nlohmann::json::value_t::boolean: return QStringLiteral("boolean");
    case nlohmann::json::value_t::string: return QStringLiteral("string");
    case nlohmann::json::value_t::array: return QStringLiteral("array");
    case nlohmann::json::value_t::object: return QStringLiteral("object");
    default: return QStringLiteral("number");
    }
}

} // namespace hookscope
