#include "OutgoingRequest.h"

#include "http/OwnAddresses.h"
#include "trust/SignatureSigner.h"

#include <cstring>

namespace hookscope {

bool OutgoingRequest::resign(const SignatureRule &rule, const QUrl &to, qint64 nowSeconds, QString *error)
{
    SignatureSigner::Request signing{&headers, body, method, joinTarget(to, target), {}};
    QUrl full = to;
    full.setPath(QString());
    full.setQuery(QString());
    signing.url = full.toString(QUrl::StripTrailingSlash).toUtf8() + signing.target;
    return SignatureSigner::sign(rule, signing, nowSeconds, error);
}

OutgoingRequest OutgoingRequest::fromEvent(const Event &event)
{
    OutgoingRequest r;
    r.method = event.method.isEmpty() ? QByteArray("POST") : event.method;
    r.target = event.target.isEmpty() ? QByteArray("/") : event.target;
    r.headers = event.headers;
    r.body = event.body;
    return r;
}

QByteArray OutgoingRequest::joinTarget(const QUrl &base, const QByteArray &target)
{
    QByteArray basePath = base.path(QUrl::FullyEncoded).toUtf8();
    while (basePath.endsWith('/'))
        basePath.chop(1);
    QByteArray path = target;
    QByteArray query;
    if (const qsizetype q = target.indexOf('?'); q >= 0) {
        path = target.left(q);
        query = target.mid(q + 1);
    }
    if (!path.startsWith('/'))
        path.prepend('/');
    QByteArray joined = basePath.isEmpty() || path != "/" ? basePath + path : basePath;
    const QByteArray baseQuery = base.query(QUrl::FullyEncoded).toUtf8();
    if (!baseQuery.isEmpty() && !query.isEmpty())
        joined += '?' + baseQuery + '&' + query;
    else if (!baseQuery.isEmpty() || !query.isEmpty())
        joined += '?' + (baseQuery.isEmpty() ? query : baseQuery);
    return joined;
}

QByteArray OutgoingRequest::hopMarker()
{
    return "hookscope-" + OwnAddresses::instanceId();
}

bool OutgoingRequest::carriesOwnMarker(const HeaderList &headers)
{
    const QByteArray own = hopMarker();
    for (const auto &[name, value] : headers) {
        if (name.trimmed().compare("via", Qt::CaseInsensitive) != 0)
            continue;
        // Via: 1.1 a, 1.1 hookscope-x (comment)  — each hop is "protocol received-by [comment]".
        for (const QByteArray &hop : value.split(',')) {
            const QList<QByteArray> parts = hop.simplified().split(' ');
            if (parts.size() >= 2 && parts.at(1) == own)
                return true;
        }
    }
    return false;
}

namespace {
// RFC 9110 5.1: a field name is a token. What is not one never goes on the wire: HTTP/2 pseudo
// headers a browser HAR carries (":authority", ":path"; Host is written from the target URL),
// and names with blanks inside that a lenient server might read as another field.
bool isFieldName(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const bool tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
        if (!tchar)
            return false;
    }
    return true;
}
} // namespace

QByteArray OutgoingRequest::serialize(const QUrl &base) const
{
    const bool https = base.scheme() == QLatin1String("https");
    const int defaultPort = https ? 443 : 80;
    QByteArray host = base.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (base.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(base.port());

    // Headers that describe this connection, not the request (RFC 9110 7.6.1), and any the
    // captured Connection header named: the capture's framing and upgrades were for the hop
    // into Hookscope. Names are compared without surrounding blanks, so "Transfer-Encoding "
    // (a smuggling classic) goes too.
    QList<QByteArray> hopByHop{"connection", "keep-alive", "proxy-connection", "te", "trailer",
                               "transfer-encoding", "upgrade"};
    for (const auto &[name, value] : headers) {
        if (name.trimmed().compare("connection", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &token : value.split(',')) {
            const QByteArray named = token.trimmed().toLower();
            if (!named.isEmpty() && named != "host" && named != "content-length")
                hopByHop.append(named);
        }
    }

    QByteArray out;
    out.reserve(256 + body.size());
    out += method + ' ' + joinTarget(base, target) + " HTTP/1.1\r\n";
    bool hostSeen = false;
    bool lengthSeen = false;
    const QByteArray length = QByteArray::number(body.size());
    for (const auto &[name, value] : headers) {
        const QByteArray key = name.trimmed().toLower();
        if (hopByHop.contains(key) || !isFieldName(key))
            continue;
        QByteArray v = value;
        if (key == "host") {
            if (hostSeen)
                continue;
            hostSeen = true;
            v = host;
        } else if (key == "content-length") {
            // One Content-Length, for the body sent, wherever and however often the capture had it.
            if (lengthSeen)
                continue;
            lengthSeen = true;
            v = length;
        }
        out += name.trimmed() + ": " + v + "\r\n"; // never a blank before the colon (RFC 9112 5.1)
    }
    if (!hostSeen)
        out += "Host: " + host + "\r\n";
    if (!lengthSeen && (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH"))
        out += "Content-Length: " + length + "\r\n";
    out += "Via: 1.1 " + hopMarker() + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace hookscope
