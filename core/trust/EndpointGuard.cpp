#include "EndpointGuard.h"

#include "ConstantTime.h"

#include <QUrlQuery>
#include <optional>

namespace hookscope {

namespace {

GuardDecision refuse(int status, const QByteArray &reason)
{
    return GuardDecision{status, reason};
}

// The credentials after "SCHEME " in an Authorization header (scheme case-insensitive),
// or nothing when the header is missing or of another scheme.
std::optional<QByteArray> credentials(const HeaderList &headers, const QByteArray &scheme)
{
    const QByteArray value = headerValue(headers, "authorization").trimmed();
    if (value.size() <= scheme.size() || value.left(scheme.size()).toLower() != scheme.toLower()
        || value.at(scheme.size()) != ' ')
        return std::nullopt;
    return value.mid(scheme.size() + 1).trimmed();
}

} // namespace

EndpointGuard::EndpointGuard(GuardConfig config)
    : m_config(std::move(config))
{
}

QByteArray EndpointGuard::normalizedPath(const QByteArray &target)
{
    QByteArray path = target;
    const qsizetype cut = path.indexOf('?');
    if (cut >= 0)
        path.truncate(cut);
    const qsizetype hash = path.indexOf('#');
    if (hash >= 0)
        path.truncate(hash);
    if (!path.startsWith('/')) {
        // Absolute form ("http://host/path") or authority form: take the path part.
        const qsizetype scheme = path.indexOf("://");
        const qsizetype slash = scheme >= 0 ? path.indexOf('/', scheme + 3) : -1;
        path = slash >= 0 ? path.mid(slash) : QByteArray("/");
    }
    QList<QByteArray> out;
    const QList<QByteArray> segments = path.split('/');
    for (qsizetype i = 1; i < segments.size(); ++i) {
        const QByteArray &s = segments.at(i);
        const QByteArray lower = s.toLower();
        if (s == "." || lower == "%2e") {
            if (i == segments.size() - 1)
                out.append(QByteArray());
            continue;
        }
        if (s == ".." || lower == "%2e%2e" || lower == ".%2e" || lower == "%2e.") {
            if (!out.isEmpty())
                out.removeLast();
            if (i == segments.size() - 1)
                out.append(QByteArray());
            continue;
        }
        out.append(s);
    }
    return '/' + out.join('/');
}

bool EndpointGuard::pathAllowed(const QByteArray &path) const
{
    for (const QByteArray &entry : m_config.allowedPaths) {
        if (entry.endsWith("/*")) {
            const QByteArray base = entry.left(entry.size() - 2); // "/hooks"
            if (path == base || path.startsWith(base + '/'))
                return true;
        } else if (path == entry) {
            return true;
        }
    }
    return false;
}

GuardDecision EndpointGuard::checkSecret(const QByteArray &target, const HeaderList &headers) const
{
    const QByteArray &secret = m_config.secret;
    switch (m_config.secretMode) {
    case GuardConfig::SecretMode::Bearer: {
        const std::optional<QByteArray> token = credentials(headers, "Bearer");
        if (!token)
            return refuse(401, "Unauthorized: missing \"Authorization: Bearer\" token");
        if (!constantTimeEquals(*token, secret))
            return refuse(401, "Unauthorized: wrong bearer token");
        return {};
    }
    case GuardConfig::SecretMode::Basic: {
        const std::optional<QByteArray> encoded = credentials(headers, "Basic");
        if (!encoded)
            return refuse(401, "Unauthorized: missing \"Authorization: Basic\" credentials");
        const auto decoded = QByteArray::fromBase64Encoding(*encoded, QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon < 0)
            return refuse(401, "Unauthorized: basic credentials are not base64 of \"user:password\"");
        // A secret with a colon names the user too; without one, any user name will do.
        const QByteArray given = secret.contains(':') ? decoded.decoded : decoded.decoded.mid(colon + 1);
        if (!constantTimeEquals(given, secret))
            return refuse(401, "Unauthorized: wrong basic credentials");
        return {};
    }
    case GuardConfig::SecretMode::Query: {
        const qsizetype q = target.indexOf('?');
        const QString name = QString::fromUtf8(m_config.queryName);
        const QUrlQuery query(q >= 0 ? QString::fromUtf8(target.mid(q + 1)) : QString());
        if (!query.hasQueryItem(name))
            return refuse(401, "Unauthorized: missing query parameter \"" + m_config.queryName + '"');
        const QByteArray given = query.queryItemValue(name, QUrl::FullyDecoded).toUtf8();
        if (!constantTimeEquals(given, secret))
            return refuse(401, "Unauthorized: wrong value of query parameter \"" + m_config.queryName + '"');
        return {};
    }
    }
    return {};
}

GuardDecision EndpointGuard::check(const QByteArray &target, const HeaderList &headers) const
{
    if (!m_config.secret.isEmpty()) {
        GuardDecision decision = checkSecret(target, headers);
        if (!decision.accepted())
            return decision;
    }
    if (!m_config.allowedPaths.isEmpty()) {
        const QByteArray path = normalizedPath(target);
        if (!pathAllowed(path)) {
            // Never echo the raw target: it may be megabytes; the stored event has it.
            return refuse(404, "Not Found: the path " + path.left(200) + " is not in the allow-list");
        }
    }
    return {};
}

HttpResponse EndpointGuard::responseFor(const GuardDecision &decision) const
{
    HttpResponse response = HttpResponse::plainText(decision.status, decision.reason);
    if (decision.status == 401) {
        if (m_config.secretMode == GuardConfig::SecretMode::Basic)
            response.headers.append(std::pair<QByteArray, QByteArray>("WWW-Authenticate", R"(Basic realm="hookscope")"));
        else if (m_config.secretMode == GuardConfig::SecretMode::Bearer)
            response.headers.append(std::pair<QByteArray, QByteArray>("WWW-Authenticate", R"(Bearer realm="hookscope")"));
    }
    return response;
}

} // namespace hookscope
