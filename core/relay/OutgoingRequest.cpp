#include "OutgoingRequest.h"

#include "trust/SignatureSigner.h"

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

QByteArray OutgoingRequest::serialize(const QUrl &base) const
{
    const bool https = base.scheme() == QLatin1String("https");
    const int defaultPort = https ? 443 : 80;
    QByteArray host = base.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (base.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(base.port());

    QByteArray out;
    out.reserve(256 + body.size());
    out += method + ' ' + joinTarget(base, target) + " HTTP/1.1\r\n";
    bool hostSeen = false;
    bool lengthSeen = false;
    const QByteArray length = QByteArray::number(body.size());
    for (const auto &[name, value] : headers) {
        if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            continue;
        QByteArray v = value;
        if (name.compare("host", Qt::CaseInsensitive) == 0) {
            if (hostSeen)
                continue;
            hostSeen = true;
            v = host;
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            if (lengthSeen)
                continue;
            lengthSeen = true;
            v = length;
        }
        out += name + ": " + v + "\r\n";
    }
    if (!hostSeen)
        out += "Host: " + host + "\r\n";
    if (!lengthSeen && (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH"))
        out += "Content-Length: " + length + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace hookscope
