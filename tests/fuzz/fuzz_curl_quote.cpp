// Fuzzes Copy as curl's quoting: any method, target, header and body bytes give a command a
// tiny POSIX shell-word reader (below) splits without meeting one unquoted special character,
// and whose words read back to exactly the captured fields. Input: the fields separated by
// 0x01 (method, target, header name, header value, body).
#include "exchange/CurlCommand.h"

#include <QList>

#include <cstdint>
#include <cstdlib>
#include <optional>

using namespace hookscope;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// What printf prints for a format made by CurlCommand::printfFormat: \ooo, %%, the rest as is.
std::optional<QByteArray> runPrintf(const QByteArray &format)
{
    QByteArray out;
    for (qsizetype i = 0; i < format.size(); ++i) {
        const char c = format.at(i);
        if (c == '%') {
            if (i + 1 >= format.size() || format.at(i + 1) != '%')
                return std::nullopt; // a conversion would eat an argument
            out += '%';
            ++i;
        } else if (c == '\\') {
            int value = 0;
            int digits = 0;
            while (digits < 3 && i + 1 < format.size() && format.at(i + 1) >= '0' && format.at(i + 1) <= '7') {
                value = value * 8 + (format.at(++i) - '0');
                ++digits;
            }
            if (digits != 3)
                return std::nullopt; // only \ooo is written
            out += char(value);
        } else {
            out += c;
        }
    }
    return out;
}

// Splits a command line as a POSIX shell would, accepting only what CurlCommand writes: bare
// words of harmless characters, '…' quotes, \' and "$(printf '…')". Anything else unquoted
// (; | & $ ` ( ) < > * ? [ # ~ ! newline …) makes it fail, except a lone | word.
std::optional<QList<QByteArray>> words(const QByteArray &line)
{
    QList<QByteArray> out;
    qsizetype i = 0;
    const qsizetype n = line.size();
    while (i < n) {
        while (i < n && line.at(i) == ' ')
            ++i;
        if (i >= n)
            break;
        if (line.at(i) == '|' && (i + 1 == n || line.at(i + 1) == ' ')) {
            out.append("|");
            ++i;
            continue;
        }
        QByteArray word;
        while (i < n && line.at(i) != ' ') {
            const char c = line.at(i);
            if (c == '\'') {
                const qsizetype close = line.indexOf('\'', i + 1);
                if (close < 0)
                    return std::nullopt;
                word += line.mid(i + 1, close - i - 1);
                i = close + 1;
            } else if (c == '\\') {
                if (i + 1 >= n || line.at(i + 1) != '\'')
                    return std::nullopt;
                word += '\'';
                i += 2;
            } else if (line.mid(i, 11) == "\"$(printf '") {
                const qsizetype close = line.indexOf('\'', i + 11);
                if (close < 0 || line.mid(close, 3) != "')\"")
                    return std::nullopt;
                std::optional<QByteArray> printed = runPrintf(line.mid(i + 11, close - i - 11));
                if (!printed)
                    return std::nullopt;
                while (printed->endsWith('\n'))
                    printed->chop(1); // command substitution drops trailing newlines
                word += *printed;
                i = close + 3;
            } else if (std::isalnum(static_cast<unsigned char>(c)) || QByteArray("-_.@/:=,+%").contains(c)) {
                word += c;
                ++i;
            } else {
                return std::nullopt;
            }
        }
        out.append(word);
    }
    return out;
}

// Bytes an argument can carry through a shell: no NUL, no trailing newline.
bool carriable(const QByteArray &bytes)
{
    return !bytes.contains('\0') && !bytes.endsWith('\n');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> fields = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\x01');
    Event event;
    event.method = fields.value(0);
    event.target = fields.value(1);
    if (fields.size() > 3)
        event.headers.append({fields.at(2), fields.at(3)});
    event.body = fields.mid(4).join('\x01');

    for (const QByteArray &field : fields) {
        const std::optional<QList<QByteArray>> one = words(CurlCommand::argument(field).toUtf8());
        check(one && one->size() == 1);
        if (carriable(field))
            check(one->first() == field);
        check(runPrintf(CurlCommand::printfFormat(field)) == field);
    }

    const QString command = CurlCommand::build(event, QStringLiteral("http://h:1"));
    const std::optional<QList<QByteArray>> parsed = words(command.toUtf8());
    check(parsed.has_value());
    const QList<QByteArray> &w = *parsed;
    const qsizetype curl = w.indexOf("curl");
    check(curl == 0 || (curl == 3 && w.at(0) == "printf" && w.at(2) == "|"));
    if (curl == 3)
        check(runPrintf(w.at(1)) == event.body);
    check(w.at(curl + 1) == "--disable");
    check(w.at(w.size() - 2) == "--url" && w.last() == "http://h:1");
    // The flag itself, not a value that reads the same (a method "--request-target\n" loses its
    // newline to the command substitution): walk the options, stepping over each one's value.
    // The same for --data-raw: a target "--data-raw" is the value of --request-target, not the flag.
    qsizetype target = -1;
    qsizetype dataFlag = -1;
    for (qsizetype i = curl + 1; i < w.size(); ++i) {
        static const QList<QByteArray> withValue{"-X", "-H", "--request-target", "--data-raw", "--data-binary", "--url"};
        if (!withValue.contains(w.at(i)))
            continue;
        if (w.at(i) == "--request-target" && target < 0)
            target = i;
        if (w.at(i) == "--data-raw" && dataFlag < 0)
            dataFlag = i;
        ++i;
    }
    check(target > 0 && target + 1 < w.size());
    if (carriable(event.target))
        check(w.at(target + 1) == event.target);
    if (const qsizetype x = w.indexOf("-X"); x > 0 && x < target && carriable(event.method))
        check(w.at(x + 1) == event.method);
    if (!event.headers.isEmpty() && !event.headers.first().first.startsWith('@')) {
        const auto &[name, value] = event.headers.first();
        const QByteArray line = value.isEmpty() ? name + ';' : name + ": " + value;
        if (carriable(line))
            check(w.contains(line));
    }
    if (curl == 0 && !event.body.isEmpty())
        check(dataFlag > 0 && dataFlag + 1 < w.size() && w.at(dataFlag + 1) == event.body);
    return 0;
}
