#include "HarUrl.h"

namespace hookscope {

namespace {

bool isSchemeChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-'
        || c == '.';
}

QByteArray withoutFragment(QByteArray target)
{
    if (const qsizetype hash = target.indexOf('#'); hash >= 0)
        target.truncate(hash);
    if (target.startsWith('?'))
        target.prepend('/');
    return target.isEmpty() ? QByteArray("/") : target;
}

} // namespace

HarUrl::Parts HarUrl::split(const QByteArray &url)
{
    Parts parts;
    if (url.startsWith('/')) {
        parts.kind = Kind::Relative;
        parts.target = withoutFragment(url);
        return parts;
    }
    const qsizetype separator = url.indexOf("://");
    if (separator <= 0)
        return parts; // data:…, about:blank, javascript:…
    for (qsizetype i = 0; i < separator; ++i) {
        if (!isSchemeChar(url.at(i)))
            return parts;
    }
    parts.scheme = url.left(separator);
    if (parts.scheme.compare("blob", Qt::CaseInsensitive) == 0)
        return parts;
    qsizetype end = separator + 3;
    while (end < url.size() && url.at(end) != '/' && url.at(end) != '?' && url.at(end) != '#')
        ++end;
    parts.kind = Kind::Absolute;
    parts.authority = url.mid(separator + 3, end - separator - 3);
    parts.target = withoutFragment(url.mid(end));
    return parts;
}

QByteArray HarUrl::schemeOf(const Event &event)
{
    if (!event.forwardedProto.isEmpty())
        return event.forwardedProto;
    const QByteArray pseudo = headerValue(event.headers, ":scheme");
    return pseudo.isEmpty() ? QByteArray("http") : pseudo;
}

QByteArray HarUrl::hostOf(const Event &event)
{
    if (!event.forwardedHost.isEmpty())
        return event.forwardedHost;
    for (const char *name : {"host", ":authority"}) {
        const QByteArray host = headerValue(event.headers, name);
        if (!host.isEmpty())
            return host;
    }
    return "localhost";
}

QByteArray HarUrl::urlOf(const Event &event)
{
    return schemeOf(event) + "://" + hostOf(event) + event.target;
}

void HarUrl::keepOrigin(const Parts &url, Event *event)
{
    if (url.kind != Kind::Absolute || url.authority.isEmpty())
        return;
    if (hostOf(*event) != url.authority) {
        // Both: an event with a forwarded host and no proto reads as https (Event::publicUrl).
        event->forwardedHost = url.authority;
        event->forwardedProto = url.scheme;
    } else if (schemeOf(*event) != url.scheme) {
        event->forwardedProto = url.scheme;
    }
}

} // namespace hookscope
