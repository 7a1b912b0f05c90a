#include "CurlCommand.h"

#include "ExchangeJson.h"

namespace hookscope {

namespace {

// Bytes that may go into a pasted single-quoted argument as they are: printable UTF-8,
// newline and tab (no carriage return or escape sequences a terminal would act on).
bool pasteable(const QByteArray &bytes)
{
    if (!exchange::isUtf8(bytes))
        return false;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F)
            return false;
    }
    return true;
}

// A printf format that prints exactly `bytes`: printable ASCII as is, the rest as \ooo.
QByteArray printfFormat(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\')
            out += "\\\\";
        else if (c == '-' && out.isEmpty())
            out += "\\055"; // a leading - would be taken for an option
        else if (c == '%')
            out += "%%";
        else if (u >= 0x20 && u < 0x7F)
            out += c;
        else
            out += '\\' + QByteArray::number(u, 8).rightJustified(3, '0');
    }
    return out;
}

// A header argument for -H: bash's $'…' (also zsh and ksh) when the bytes would not paste safely.
QString headerArgument(const QByteArray &line)
{
    if (pasteable(line) && !line.contains('\n'))
        return CurlCommand::quote(line);
    QByteArray out = "$'";
    for (const char c : line) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\' || c == '\'')
            out += '\\' + QByteArray(1, c);
        else if (u >= 0x20 && u < 0x7F)
            out += c;
        else
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
    }
    return QString::fromLatin1(out + '\'');
}

} // namespace

QString CurlCommand::orderCaveat(const Event &event)
{
    qsizetype firstHost = -1;
    qsizetype hosts = 0;
    for (qsizetype i = 0; i < event.headers.size(); ++i) {
        if (event.headers.at(i).first.compare("host", Qt::CaseInsensitive) == 0) {
            if (firstHost < 0)
                firstHost = i;
            ++hosts;
        }
    }
    if (hosts > 1)
        return QStringLiteral("curl sends one Host header only (this request had %1) and sends it first").arg(hosts);
    if (firstHost > 0)
        return QStringLiteral("curl sends Host first (it was header %1 of %2 here); every other header keeps its order")
            .arg(firstHost + 1)
            .arg(event.headers.size());
    return {};
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

QString CurlCommand::build(const Event &event, const QString &baseUrl)
{
    QString base = baseUrl;
    if (base.isEmpty()) {
        const QByteArray scheme = event.forwardedProto.isEmpty() ? QByteArray("http") : event.forwardedProto;
        QByteArray host = event.forwardedHost.isEmpty() ? headerValue(event.headers, "host") : event.forwardedHost;
        if (host.isEmpty())
            host = "localhost";
        base = QString::fromUtf8(scheme + "://" + host);
    }
    const bool hasBody = !event.body.isEmpty();
    const bool pipedBody = hasBody && !pasteable(event.body);
    QStringList args;
    if (pipedBody)
        args << QStringLiteral("printf") << quote(printfFormat(event.body)) << QStringLiteral("|");
    args << QStringLiteral("curl");
    args << (event.httpVersion == "1.0" ? QStringLiteral("--http1.0") : QStringLiteral("--http1.1"));
    if (event.method == "HEAD")
        args << QStringLiteral("--head");
    else if (!(event.method == "GET" && !hasBody) && !(event.method == "POST" && hasBody))
        args << QStringLiteral("-X") << quote(event.method);
    args << QStringLiteral("--path-as-is") << QStringLiteral("--globoff");
    args << QStringLiteral("--request-target") << quote(event.target);
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
        // "Name;" is curl's way to send a header with an empty value.
        const QByteArray line = value.isEmpty() ? name + ';' : name + ": " + value;
        args << QStringLiteral("-H") << headerArgument(line);
    }
    if (pipedBody)
        args << QStringLiteral("--data-binary") << QStringLiteral("@-");
    else if (hasBody)
        args << QStringLiteral("--data-raw") << quote(event.body);
    args << quote(base.toUtf8());
    return args.join(u' ');
}

} // namespace hookscope
