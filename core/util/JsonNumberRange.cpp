#include "JsonNumberRange.h"

#include <charconv>
#include <cstring>
#include <vector>

namespace hookscope {

namespace {

bool isNumberByte(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Where the string token starting at `open` (a '"') ends, one past its closing quote; -1 when it
// does not end.
qsizetype stringEnd(const QByteArray &json, qsizetype open)
{
    for (qsizetype i = open + 1; i < json.size(); ++i) {
        if (json.at(i) == '\\')
            ++i;
        else if (json.at(i) == '"')
            return i + 1;
    }
    return -1;
}

// The key's text for a pointer: escapes of JSON decoded where simple, the rest kept as written
// (a pointer in a message, not a lookup key).
QString keyText(const QByteArray &token)
{
    const QByteArray inner = token.mid(1, token.size() - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    QByteArray out;
    out.reserve(inner.size());
    for (qsizetype i = 0; i < inner.size(); ++i) {
        if (inner.at(i) != '\\' || i + 1 == inner.size()) {
            out += inner.at(i);
            continue;
        }
        const char e = inner.at(++i);
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': out += "\\u"; break;
        default: out += e; break;
        }
    }
    return QString::fromUtf8(out);
}

struct Frame {
    bool object = false;
    bool expectKey = false;
    qint64 index = 0;
    QString key;
};

QString pointerOf(const std::vector<Frame> &frames)
{
    QString pointer;
    for (const Frame &frame : frames) {
        pointer += QLatin1Char('/');
        if (frame.object) {
            QString token = frame.key;
            token.replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
            pointer += token;
        } else {
            pointer += QString::number(frame.index);
        }
    }
    return pointer;
}

// RFC 8259 number grammar over the whole token: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(const char *p, const char *last)
{
    const auto digits = [&] {
        const char *start = p;
        while (p != last && *p >= '0' && *p <= '9')
            ++p;
        return p != start;
    };
    if (p != last && *p == '-')
        ++p;
    if (p != last && *p == '0')
        ++p;
    else if (!digits())
        return false;
    if (p != last && *p == '.') {
        ++p;
        if (!digits())
            return false;
    }
    if (p != last && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p != last && (*p == '+' || *p == '-'))
            ++p;
        if (!digits())
            return false;
    }
    return p == last;
}

} // namespace

bool JsonNumberRange::overflows(const char *first, const char *last)
{
    if (!isJsonNumber(first, last))
        return false;
    double value = 0;
    const char *begin = *first == '-' ? first + 1 : first;
    const auto [end, ec] = std::from_chars(begin, last, value, std::chars_format::general);
    if (ec != std::errc::result_out_of_range)
        return false;
    // Out of range both ways: overflow when the decimal exponent of the first significant digit
    // is positive, underflow (read as 0 by every parser, harmless) otherwise.
    qint64 digitsBeforePoint = 0;
    qint64 leadingFractionZeros = 0;
    bool significant = false;
    bool afterPoint = false;
    const char *p = begin;
    for (; p != end && *p != 'e' && *p != 'E'; ++p) {
        if (*p == '.') {
            afterPoint = true;
        } else if (*p != '0' || significant) {
            significant = true;
            if (!afterPoint)
                ++digitsBeforePoint;
        } else if (afterPoint) {
            ++leadingFractionZeros;
        }
    }
    qint64 exponent = 0;
    if (p != end) {
        ++p;
        const bool negative = *p == '-';
        if (*p == '-' || *p == '+')
            ++p;
        for (; p != end && exponent < 1'000'000'000; ++p)
            exponent = exponent * 10 + (*p - '0');
        if (negative)
            exponent = -exponent;
    }
    const qint64 magnitude = digitsBeforePoint > 0 ? digitsBeforePoint + exponent : exponent - leadingFractionZeros;
    return magnitude > 0;
}

QList<OutOfRangeNumber> JsonNumberRange::tame(QByteArray *json)
{
    QList<OutOfRangeNumber> found;
    std::vector<Frame> frames;
    const QByteArray &text = *json;
    for (qsizetype i = 0; i < text.size();) {
        const char c = text.at(i);
        switch (c) {
        case ' ': case '\t': case '\r': case '\n':
            ++i;
            continue;
        case '"': {
            const qsizetype end = stringEnd(text, i);
            if (end < 0)
                return found;
            if (!frames.empty() && frames.back().object && frames.back().expectKey)
                frames.back().key = keyText(text.mid(i, end - i));
            i = end;
            continue;
        }
        case '{':
            frames.push_back(Frame{.object = true, .expectKey = true, .index = 0, .key = {}});
            ++i;
            continue;
        case '[':
            frames.push_back(Frame{.object = false, .expectKey = false, .index = 0, .key = {}});
            ++i;
            continue;
        case '}': case ']':
            if (frames.empty())
                return found;
            frames.pop_back();
            ++i;
            continue;
        case ',':
            if (frames.empty())
                return found;
            if (frames.back().object)
                frames.back().expectKey = true;
            else
                ++frames.back().index;
            ++i;
            continue;
        case ':':
            if (frames.empty())
                return found;
            frames.back().expectKey = false;
            ++i;
            continue;
        default:
            break;
        }
        if (c == 't' || c == 'f' || c == 'n') { // true, false, null
            while (i < text.size() && text.at(i) >= 'a' && text.at(i) <= 'z')
                ++i;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9'))
            return found; // not JSON from here on
        const qsizetype start = i;
        while (i < text.size() && isNumberByte(text.at(i)))
            ++i;
        if (!overflows(text.constData() + start, text.constData() + i))
            continue;
        found.append({pointerOf(frames), text.mid(start, i - start)});
        char *out = json->data() + start; // detaches once; `text` is the same object
        const qsizetype length = i - start;
        qsizetype at = 0;
        if (*out == '-')
            ++at;
        const qsizetype standIn = qsizetype(std::strlen(kStandIn));
        std::memcpy(out + at, kStandIn, size_t(qMin(standIn, length - at)));
        for (qsizetype k = at + standIn; k < length; ++k)
            out[k] = ' ';
    }
    return found;
}

QByteArray JsonNumberRange::tamed(const QByteArray &json)
{
    // Cheap test first: no exponent and no long digit run, no overflow.
    if (!json.contains('e') && !json.contains('E') && json.size() < 310)
        return json;
    QByteArray copy = json;
    if (tame(&copy).isEmpty())
        return json;
    return copy;
}

QString JsonNumberRange::describe(const OutOfRangeNumber &number)
{
    const QString text = QString::fromUtf8(number.text.left(40)) + (number.text.size() > 40 ? QStringLiteral("…") : QString());
    return QStringLiteral("number %1 is beyond the range of a double (±1.8e308)").arg(text);
}

} // namespace hookscope
