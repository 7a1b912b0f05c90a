#include "SecretRedaction.h"

#include <QUrlQuery>

namespace hookscope {

namespace {

bool isCredentialHeader(const QByteArray &name)
{
    return name.compare("authorization", Qt::CaseInsensitive) == 0
        || name.compare("proxy-authorization", Qt::CaseInsensitive) == 0;
}

// What QByteArray::trimmed() removes, as the guard reads credentials.
bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Where the credentials of "SCHEME credentials" start and end (surrounding blanks excluded);
// start == end when the value has no scheme or no credentials.
std::pair<qsizetype, qsizetype> credentialSpan(const QByteArray &value)
{
    qsizetype i = 0;
    while (i < value.size() && isBlank(value.at(i)))
        ++i;
    while (i < value.size() && !isBlank(value.at(i)))
        ++i; // the scheme
    while (i < value.size() && isBlank(value.at(i)))
        ++i;
    qsizetype end = value.size();
    while (end > i && isBlank(value.at(end - 1)))
        --end;
    return {i, end};
}

bool redactHeaderValue(const QByteArray &secret, QByteArray *value)
{
    bool changed = false;
    const auto [start, end] = credentialSpan(*value);
    if (end > start && value->left(start).trimmed().compare("basic", Qt::CaseInsensitive) == 0) {
        const auto decoded = QByteArray::fromBase64Encoding(value->mid(start, end - start));
        if (decoded && decoded.decoded.contains(secret)) {
            value->replace(start, end - start, SecretRedaction::kMarker);
            changed = true;
        }
    }
    if (value->contains(secret)) {
        value->replace(secret, SecretRedaction::kMarker);
        changed = true;
    }
    return changed;
}

// The value as EndpointGuard decodes it (QUrlQuery, fully decoded), so that whatever opens the
// endpoint is what gets replaced.
QByteArray guardReads(const QByteArray &value)
{
    return QUrlQuery(QStringLiteral("v=") + QString::fromUtf8(value)).queryItemValue(QStringLiteral("v"), QUrl::FullyDecoded).toUtf8();
}

bool redactQuery(const QByteArray &secret, QByteArray *target)
{
    const qsizetype question = target->indexOf('?');
    if (question < 0)
        return false;
    // To the end, '#' included: a request target carries no fragment, and the guard reads the
    // query as everything after the first '?' (QUrlQuery), so a token after a '#' still opens it.
    qsizetype end = target->size();
    bool changed = false;
    qsizetype item = question + 1;
    while (item <= end) {
        qsizetype itemEnd = target->indexOf('&', item);
        if (itemEnd < 0 || itemEnd > end)
            itemEnd = end;
        const qsizetype equals = target->indexOf('=', item);
        if (equals >= 0 && equals < itemEnd) {
            const QByteArray value = target->mid(equals + 1, itemEnd - equals - 1);
            if (value == secret || QByteArray::fromPercentEncoding(value) == secret || guardReads(value) == secret) {
                const QByteArray marker(SecretRedaction::kTargetMarker);
                target->replace(equals + 1, value.size(), marker);
                const qsizetype shift = marker.size() - value.size();
                itemEnd += shift;
                end += shift;
                changed = true;
            }
        }
        item = itemEnd + 1;
    }
    return changed;
}

} // namespace

bool SecretRedaction::redactEndpointSecret(const GuardConfig &config, QByteArray *target, HeaderList *headers)
{
    const QByteArray &secret = config.secret;
    if (secret.isEmpty())
        return false;
    bool changed = redactQuery(secret, target);
    for (auto &[name, value] : *headers) {
        if (isCredentialHeader(name) && redactHeaderValue(secret, &value))
            changed = true;
    }
    return changed;
}

int SecretRedaction::redactAuthorization(HeaderList *headers)
{
    int count = 0;
    for (auto &[name, value] : *headers) {
        if (!isCredentialHeader(name))
            continue;
        const auto [start, end] = credentialSpan(value);
        if (end > start)
            value.replace(start, end - start, kRedacted);
        else
            value = kRedacted; // no scheme to keep: the value itself is the credential
        ++count;
    }
    return count;
}

} // namespace hookscope
