#include "JsonScanner.h"

#include <QStringBuilder>
#include <limits>

namespace hookscope {

namespace {

bool isWs(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A strict recursive-descent checker; positions are byte offsets.
class Checker
{
public:
    Checker(const char *data, qsizetype size)
        : m_data(data)
        , m_size(size)
    {
    }

    JsonCheck run()
    {
        skipWs();
        if (m_pos >= m_size)
            return fail(QStringLiteral("empty document"));
        if (!value(0))
            return m_result;
        skipWs();
        if (m_pos < m_size)
            return fail(QStringLiteral("garbage after the JSON value"));
        return {};
    }

private:
    JsonCheck fail(const QString &message)
    {
        if (m_result.ok)
            m_result = JsonCheck{false, m_pos, message};
        return m_result;
    }
    bool error(const QString &message)
    {
        fail(message);
        return false;
    }
    void skipWs()
    {
        while (m_pos < m_size && isWs(m_data[m_pos]))
            ++m_pos;
    }
    bool literal(const char *word)
    {
        for (const char *w = word; *w; ++w, ++m_pos) {
            if (m_pos >= m_size || m_data[m_pos] != *w)
                return error(QStringLiteral("illegal value"));
        }
        return true;
    }
    bool string()
    {
        ++m_pos; // opening quote
        while (m_pos < m_size) {
            const auto c = static_cast<unsigned char>(m_data[m_pos]);
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return error(QStringLiteral("control character in string"));
            if (c == '\\') {
                ++m_pos;
                if (m_pos >= m_size)
                    break;
                const char e = m_data[m_pos];
                if (e == 'u') {
                    for (int i = 1; i <= 4; ++i) {
                        if (m_pos + i >= m_size || !isxdigit(static_cast<unsigned char>(m_data[m_pos + i])))
                            return error(QStringLiteral("invalid \\u escape"));
                    }
                    m_pos += 4;
                } else if (!QByteArrayView("\"\\/bfnrt").contains(e)) {
                    return error(QStringLiteral("invalid escape sequence"));
                }
            }
            ++m_pos;
        }
        return error(QStringLiteral("unterminated string"));
    }
    bool number()
    {
        if (m_data[m_pos] == '-')
            ++m_pos;
        if (m_pos >= m_size || !isDigit(m_data[m_pos]))
            return error(QStringLiteral("invalid number"));
        if (m_data[m_pos] == '0')
            ++m_pos;
        else
            while (m_pos < m_size && isDigit(m_data[m_pos]))
                ++m_pos;
        if (m_pos < m_size && m_data[m_pos] == '.') {
            ++m_pos;
            if (m_pos >= m_size || !isDigit(m_data[m_pos]))
                return error(QStringLiteral("invalid number"));
            while (m_pos < m_size && isDigit(m_data[m_pos]))
                ++m_pos;
        }
        if (m_pos < m_size && (m_data[m_pos] == 'e' || m_data[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_size && (m_data[m_pos] == '+' || m_data[m_pos] == '-'))
                ++m_pos;
            if (m_pos >= m_size || !isDigit(m_data[m_pos]))
                return error(QStringLiteral("invalid number"));
            while (m_pos < m_size && isDigit(m_data[m_pos]))
                ++m_pos;
        }
        return true;
    }
    bool container(int depth, char close)
    {
        if (depth >= JsonScanner::kMaxDepth)
            return error(QStringLiteral("nested too deeply"));
        ++m_pos;
        skipWs();
        if (m_pos < m_size && m_data[m_pos] == close) {
            ++m_pos;
            return true;
        }
        while (true) {
            if (close == '}') {
                if (m_pos >= m_size || m_data[m_pos] != '"')
                    return error(QStringLiteral("expected a member name"));
                if (!string())
                    return false;
                skipWs();
                if (m_pos >= m_size || m_data[m_pos] != ':')
                    return error(QStringLiteral("expected ':' after a member name"));
                ++m_pos;
                skipWs();
            }
            if (!value(depth + 1))
                return false;
            skipWs();
            if (m_pos >= m_size)
                return error(close == '}' ? QStringLiteral("unterminated object") : QStringLiteral("unterminated array"));
            if (m_data[m_pos] == close) {
                ++m_pos;
                return true;
            }
            if (m_data[m_pos] != ',')
                return error(close == '}' ? QStringLiteral("expected ',' or '}'") : QStringLiteral("expected ',' or ']'"));
            ++m_pos;
            skipWs();
        }
    }
    bool value(int depth)
    {
        if (m_pos >= m_size)
            return error(QStringLiteral("unexpected end of input"));
        switch (m_data[m_pos]) {
        case '{':
            return container(depth, '}');
        case '[':
            return container(depth, ']');
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            if (m_data[m_pos] == '-' || isDigit(m_data[m_pos]))
                return number();
            return error(QStringLiteral("illegal value"));
        }
    }

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    JsonCheck m_result;
};

// End of the value starting at `pos` (validated input: no error checks).
qsizetype skipValue(const char *d, qsizetype pos, qsizetype end)
{
    if (d[pos] == '"') {
        for (++pos; pos < end; ++pos) {
            if (d[pos] == '\\')
                ++pos;
            else if (d[pos] == '"')
                return pos + 1;
        }
        return end;
    }
    if (d[pos] == '{' || d[pos] == '[') {
        int depth = 0;
        for (; pos < end; ++pos) {
            const char c = d[pos];
            if (c == '"') {
                pos = skipValue(d, pos, end) - 1;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return pos + 1;
            }
        }
        return end;
    }
    while (pos < end && !isWs(d[pos]) && d[pos] != ',' && d[pos] != '}' && d[pos] != ']')
        ++pos;
    return pos;
}

qsizetype skipWsFrom(const char *d, qsizetype pos, qsizetype end)
{
    while (pos < end && isWs(d[pos]))
        ++pos;
    return pos;
}

} // namespace

JsonCheck JsonScanner::validate(const QByteArray &json)
{
    return Checker(json.constData(), json.size()).run();
}

JsonSpan JsonScanner::root(const QByteArray &json)
{
    const char *d = json.constData();
    const qsizetype begin = skipWsFrom(d, 0, json.size());
    if (begin >= json.size())
        return {begin, begin};
    return {begin, skipValue(d, begin, json.size())};
}

JsonType JsonScanner::typeOf(const QByteArray &json, JsonSpan span)
{
    if (span.begin >= span.end)
        return JsonType::Null;
    switch (json.at(span.begin)) {
    case '{':
        return JsonType::Object;
    case '[':
        return JsonType::Array;
    case '"':
        return JsonType::String;
    case 't':
    case 'f':
        return JsonType::Bool;
    case 'n':
        return JsonType::Null;
    default:
        return JsonType::Number;
    }
}

QList<JsonMember> JsonScanner::members(const QByteArray &json, JsonSpan span)
{
    qsizetype resume = 0;
    return nextMembers(json, span, &resume, std::numeric_limits<int>::max());
}

QList<JsonMember> JsonScanner::nextMembers(const QByteArray &json, JsonSpan span, qsizetype *resume, int max)
{
    QList<JsonMember> out;
    const JsonType type = typeOf(json, span);
    if (type != JsonType::Object && type != JsonType::Array)
        return out;
    const char *d = json.constData();
    const qsizetype end = span.end - 1; // the closing bracket
    qsizetype pos = *resume > span.begin ? *resume : skipWsFrom(d, span.begin + 1, end);
    while (pos < end && out.size() < max) {
        JsonMember member;
        if (type == JsonType::Object) {
            member.key = {pos, skipValue(d, pos, end)};
            pos = skipWsFrom(d, member.key.end, end) + 1; // past ':'
            pos = skipWsFrom(d, pos, end);
        }
        member.value = {pos, skipValue(d, pos, end)};
        out.append(member);
        pos = skipWsFrom(d, member.value.end, end);
        if (pos < end && d[pos] == ',')
            pos = skipWsFrom(d, pos + 1, end);
    }
    *resume = pos;
    return out;
}

int JsonScanner::memberCount(const QByteArray &json, JsonSpan span)
{
    const JsonType type = typeOf(json, span);
    if (type != JsonType::Object && type != JsonType::Array)
        return 0;
    const char *d = json.constData();
    const qsizetype end = span.end - 1;
    qsizetype pos = skipWsFrom(d, span.begin + 1, end);
    if (pos >= end)
        return 0;
    int count = 1;
    int depth = 0;
    for (; pos < end; ++pos) {
        const char c = d[pos];
        if (c == '"')
            pos = skipValue(d, pos, end) - 1;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']')
            --depth;
        else if (c == ',' && depth == 0)
            ++count;
    }
    return count;
}

QString JsonScanner::unescape(const QByteArray &json, JsonSpan span)
{
    if (span.end - span.begin < 2)
        return {};
    const QByteArrayView inner(json.constData() + span.begin + 1, span.end - span.begin - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    QString out;
    out.reserve(inner.size());
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < inner.size(); ++i) {
        if (inner[i] != '\\')
            continue;
        out += QString::fromUtf8(inner.sliced(runStart, i - runStart));
        const char e = inner[++i];
        switch (e) {
        case 'b': out += QLatin1Char('\b'); break;
        case 'f': out += QLatin1Char('\f'); break;
        case 'n': out += QLatin1Char('\n'); break;
        case 'r': out += QLatin1Char('\r'); break;
        case 't': out += QLatin1Char('\t'); break;
        case 'u':
            out += QChar(char16_t(QByteArrayView(inner.sliced(i + 1, 4)).toUShort(nullptr, 16)));
            i += 4;
            break;
        default: out += QLatin1Char(e); break;
        }
        runStart = i + 1;
    }
    out += QString::fromUtf8(inner.sliced(runStart));
    return out;
}

QByteArray JsonScanner::prettyPrint(const QByteArray &json, qsizetype limit)
{
    QByteArray out;
    out.reserve(limit >= 0 ? qMin(limit + 1024, json.size() * 2) : json.size() + json.size() / 2);
    const char *d = json.constData();
    const qsizetype size = json.size();
    int indent = 0;
    const auto newline = [&] {
        out += '\n';
        out.append(qsizetype(indent) * 2, ' ');
    };
    for (qsizetype pos = 0; pos < size; ++pos) {
        if (limit >= 0 && out.size() > limit)
            break;
        const char c = d[pos];
        if (isWs(c))
            continue;
        if (c == '"') {
            const qsizetype end = skipValue(d, pos, size);
            out.append(d + pos, end - pos);
            pos = end - 1;
        } else if (c == '{' || c == '[') {
            const qsizetype next = skipWsFrom(d, pos + 1, size);
            if (next < size && (d[next] == '}' || d[next] == ']')) {
                out += c;
                out += d[next];
                pos = next;
                continue;
            }
            out += c;
            ++indent;
            newline();
        } else if (c == '}' || c == ']') {
            --indent;
            newline();
            out += c;
        } else if (c == ',') {
            out += c;
            newline();
        } else if (c == ':') {
            out += ": ";
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace hookscope
