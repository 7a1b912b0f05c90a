#include "CurlCommand.h"

#include "ExchangeJson.h"

#include <QStringList>

#include <cctype>

namespace hookscope {

namespace {

// Above this a body goes through printf's pipe even when it would paste: one argument of an
// exec'd program may not exceed 128 KiB on Linux (MAX_ARG_STRLEN); printf is a shell built-in.
constexpr qsizetype kMaxQuotedBody = 64 * 1024;

// Code points a terminal acts on or hides: C1 controls, zero-width and bidirectional
// formatting (a right-to-left override makes a command read differently from what runs),
// line and paragraph separators, the byte order mark.
bool invisible(char32_t u)
{
    return (u >= 0x80 && u <= 0x9F) || (u >= 0x200B && u <= 0x200F) || (u >= 0x2028 && u <= 0x202E)
        || (u >= 0x2060 && u <= 0x206F) || u == 0xFEFF || (u >= 0xFFF9 && u <= 0xFFFB);
}

// True when `bytes` may stand inside single quotes as they are: UTF-8 that shows as what it
// is. No control bytes (a tab would trigger completion when pasted), no escape sequences;
// newlines only where the caller allows them (a body: pasted, they just continue the quote).
bool showsSafely(const QByteArray &bytes, bool allowNewline)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && !(allowNewline && c == '\n')) || u == 0x7F)
            return false;
    }
    if (!exchange::isUtf8(bytes))
        return false;
    for (const char32_t u : QString::fromUtf8(bytes).toUcs4()) {
        if (invisible(u))
            return false;
    }
    return true;
}

bool isHeader(const QByteArray &name, const char *wanted)
{
    return name.compare(wanted, Qt::CaseInsensitive) == 0;
}

// host[:port] where host is a DNS name, IPv4 or [IPv6]: nothing a shell, curl or URL parser
// could read as anything else.
bool plainAuthority(const QByteArray &authority)
{
    if (authority.isEmpty() || authority.size() > 262)
        return false;
    QByteArray host = authority;
    QByteArray port;
    if (authority.startsWith('[')) {
        const qsizetype close = authority.indexOf(']');
        if (close < 2)
            return false;
        host = authority.mid(1, close - 1);
        const QByteArray rest = authority.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return false;
        port = rest.mid(1);
        if (!rest.isEmpty() && port.isEmpty())
            return false;
        for (const char c : host) {
            if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
                return false;
        }
    } else {
        if (const qsizetype colon = authority.indexOf(':'); colon >= 0) {
            host = authority.left(colon);
            port = authority.mid(colon + 1);
            if (port.isEmpty())
                return false;
        }
        if (host.isEmpty() || host.startsWith('-') || host.startsWith('.'))
            return false;
        for (const char c : host) {
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.')
                return false;
        }
    }
    if (port.size() > 5)
        return false;
    for (const char c : port) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

} // namespace

QString CurlCommand::orderCaveat(const Event &event)
{
    QStringList notes;
    qsizetype firstHost = -1;
    qsizetype hosts = 0;
    for (qsizetype i = 0; i < event.headers.size(); ++i) {
        if (isHeader(event.headers.at(i).first, "host")) {
            if (firstHost < 0)
                firstHost = i;
            ++hosts;
        }
    }
    if (hosts > 1)
        notes << QStringLiteral("curl sends one Host header only (this request had %1) and sends it first").arg(hosts);
    else if (firstHost > 0)
        notes << QStringLiteral("curl sends Host first (it was header %1 of %2 here); every other header keeps its order")
                     .arg(firstHost + 1)
                     .arg(event.headers.size());
    for (const auto &[name, value] : event.headers) {
        if (name.startsWith('@')) {
            notes << QStringLiteral("a header whose name starts with @ is left out (curl would read a file)");
            break;
        }
    }
    const auto unsendable = [](const QByteArray &bytes) {
        return bytes.contains('\0') || bytes.endsWith('\n') || bytes.contains('\r') || bytes.contains('\n');
    };
    bool lineBreak = unsendable(event.method) || unsendable(event.target);
    for (const auto &[name, value] : event.headers)
        lineBreak = lineBreak || unsendable(name) || unsendable(value);
    if (lineBreak)
        notes << QStringLiteral("the method, target or a header holds a line break or NUL, which HTTP forbids "
                                "and curl cannot send as captured");
    return notes.join(QStringLiteral("; "));
}

QString CurlCommand::quote(const QByteArray &bytes)
{
    QByteArray out = "'";
    for (const char c : bytes) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return QString::fromUtf8(out + '\'');
}

QByteArray CurlCommand::printfFormat(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '%') {
            out += "%%";
        } else if (u >= 0x20 && u < 0x7F && c != '\\' && c != '\'' && c != '!' && c != '`' && c != '$'
                   && !(c == '-' && out.isEmpty())) {
            // ! would be history expansion in an interactive bash or zsh inside "$(…)";
            // a leading - would be read as an option by printf itself.
            out += c;
        } else {
            out += '\\' + QByteArray::number(u, 8).rightJustified(3, '0');
        }
    }
    return out;
}

QString CurlCommand::argument(const QByteArray &bytes)
{
    if (showsSafely(bytes, false))
        return quote(bytes);
    return QStringLiteral("\"$(printf '") + QString::fromLatin1(printfFormat(bytes)) + QStringLiteral("')\"");
}

QString CurlCommand::originalBase(const Event &event)
{
    const QByteArray scheme = event.forwardedProto == "https" ? QByteArray("https") : QByteArray("http");
    QByteArray host = event.forwardedHost;
    if (!plainAuthority(host))
        host = headerValue(event.headers, "host");
    if (!plainAuthority(host))
        host = "localhost";
    return QString::fromLatin1(scheme + "://" + host);
}

QString CurlCommand::build(const Event &event, const QString &baseUrl)
{
    const QString base = baseUrl.isEmpty() ? originalBase(event) : baseUrl;
    const bool hasBody = !event.body.isEmpty();
    const bool pipedBody = hasBody && (event.body.size() > kMaxQuotedBody || !showsSafely(event.body, true));
    QStringList args;
    if (pipedBody)
        args << QStringLiteral("printf") << QStringLiteral("'%1'").arg(QString::fromLatin1(printfFormat(event.body)))
             << QStringLiteral("|");
    // --disable (first, or curl ignores it): no ~/.curlrc adds or changes anything.
    args << QStringLiteral("curl") << QStringLiteral("--disable");
    args << (event.httpVersion == "1.0" ? QStringLiteral("--http1.0") : QStringLiteral("--http1.1"));
    if (event.method == "HEAD")
        args << QStringLiteral("--head");
    else if (!(event.method == "GET" && !hasBody) && !(event.method == "POST" && hasBody))
        args << QStringLiteral("-X") << argument(event.method);
    args << QStringLiteral("--path-as-is") << QStringLiteral("--globoff");
    args << QStringLiteral("--request-target") << argument(event.target);
    // curl sends User-Agent and Accept of its own, and for a body Content-Type and (above 1 MiB)
    // Expect, unless told otherwise: an empty header ("Name:") removes one.
    for (const char *own : {"User-Agent", "Accept"}) {
        if (!hasHeader(event.headers, own))
            args << QStringLiteral("-H") << quote(QByteArray(own) + ':');
    }
    if (hasBody && !hasHeader(event.headers, "content-type"))
        args << QStringLiteral("-H") << quote("Content-Type:");
    if (hasBody && !hasHeader(event.headers, "expect"))
        args << QStringLiteral("-H") << quote("Expect:");
    for (const auto &[name, value] : event.headers) {
        if (name.startsWith('@'))
            continue; // -H @file reads headers from a file (see orderCaveat)
        // "Name;" is curl's way to send a header with an empty value.
        const QByteArray line = value.isEmpty() ? name + ';' : name + ": " + value;
        args << QStringLiteral("-H") << argument(line);
    }
    if (pipedBody)
        args << QStringLiteral("--data-binary") << QStringLiteral("@-");
    else if (hasBody)
        args << QStringLiteral("--data-raw") << quote(event.body);
    args << QStringLiteral("--url") << argument(base.toUtf8());
    return args.join(u' ');
}

} // namespace hookscope
