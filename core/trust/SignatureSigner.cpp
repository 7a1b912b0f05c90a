#include "SignatureSigner.h"

#include "KeyMaterial.h"

namespace hookscope {

namespace {
void setHeader(HeaderList *headers, const QByteArray &name, const QByteArray &value)
{
    for (auto &header : *headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers->append({name, value});
}

} // namespace

bool SignatureSigner::sign(const SignatureRule &rule, const Request &request, qint64 nowSeconds, QString *error)
{
    if (rule.isPublicKey()) {
        *error = QStringLiteral("%1 signatures can only be made with the sender's private key")
                     .arg(SignatureScheme::algorithmName(rule.algorithm).toUpper());
        return false;
    }
    const KeyMaterial keys(rule, rule.secret);
    if (!keys.problem().isEmpty() || keys.secrets().isEmpty()) {
        *error = keys.problem().isEmpty() ? QStringLiteral("no secret is set") : keys.problem();
        return false;
    }
    const QByteArray timestamp = QByteArray::number(nowSeconds);
    QByteArray id = rule.idHeader.isEmpty() ? QByteArray() : headerValue(*request.headers, rule.idHeader).trimmed();
    if (rule.payloadTemplate.contains("{id}") && id.isEmpty()) {
        id = "msg_hookscope_" + timestamp;
        setHeader(request.headers, rule.idHeader, id);
    }
    const QByteArray mac = KeyMaterial::hmac(
        rule.algorithm, keys.secrets().last(),
        rule.signedContent({request.body, timestamp, id, request.url, request.method, request.target}));
    const QByteArray encoded = rule.encoding == SignatureScheme::Encoding::Hex ? mac.toHex() : mac.toBase64();
    QByteArray value;
    switch (rule.layout) {
    case SignatureScheme::Layout::KeyValueList:
        value = rule.timestampKey + '=' + timestamp + ',' + rule.signatureKey + '=' + encoded;
        break;
    case SignatureScheme::Layout::SpaceList:
        value = rule.signatureKey + ',' + encoded;
        break;
    case SignatureScheme::Layout::Single:
        value = encoded;
        break;
    }
    setHeader(request.headers, rule.header, rule.prefix + value);
    if (!rule.timestampHeader.isEmpty() && rule.layout != SignatureScheme::Layout::KeyValueList)
        setHeader(request.headers, rule.timestampHeader, timestamp);
    return true;
}

} // namespace hookscope
