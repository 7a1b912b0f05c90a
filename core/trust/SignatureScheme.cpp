#include "SignatureScheme.h"

#include <QRegularExpression>

#include <utility>

namespace hookscope {

namespace {
template <typename E, std::size_t N>
bool parseName(const QString &text, const E (&values)[N], QString (*name)(E), E *out)
{
    for (E value : values) {
        if (text.trimmed().compare(name(value), Qt::CaseInsensitive) == 0) {
            *out = value;
            return true;
        }
    }
    return false;
}

constexpr SignatureScheme::Algorithm kAlgorithms[] = {
    SignatureScheme::Algorithm::HmacSha256, SignatureScheme::Algorithm::HmacSha1, SignatureScheme::Algorithm::HmacSha512,
    SignatureScheme::Algorithm::RsaSha256, SignatureScheme::Algorithm::Ed25519};
constexpr SignatureScheme::Encoding kEncodings[] = {SignatureScheme::Encoding::Hex, SignatureScheme::Encoding::Base64};
constexpr SignatureScheme::Layout kLayouts[] = {SignatureScheme::Layout::Single, SignatureScheme::Layout::KeyValueList,
                                                SignatureScheme::Layout::SpaceList};
constexpr SignatureScheme::KeyFormat kKeyFormats[] = {SignatureScheme::KeyFormat::Text, SignatureScheme::KeyFormat::Base64,
                                                      SignatureScheme::KeyFormat::Hex};
} // namespace

QString SignatureScheme::algorithmName(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::HmacSha256:
        return QStringLiteral("hmac-sha256");
    case Algorithm::HmacSha1:
        return QStringLiteral("hmac-sha1");
    case Algorithm::HmacSha512:
        return QStringLiteral("hmac-sha512");
    case Algorithm::Ed25519:
        return QStringLiteral("ed25519");
    case Algorithm::RsaSha256:
        break;
    }
    return QStringLiteral("rsa-sha256");
}

bool SignatureScheme::parseAlgorithm(const QString &text, Algorithm *out)
{
    return parseName(text, kAlgorithms, &algorithmName, out);
}

QString SignatureScheme::encodingName(Encoding encoding)
{
    return encoding == Encoding::Hex ? QStringLiteral("hex") : QStringLiteral("base64");
}

bool SignatureScheme::parseEncoding(const QString &text, Encoding *out)
{
    return parseName(text, kEncodings, &encodingName, out);
}

QString SignatureScheme::layoutName(Layout layout)
{
    switch (layout) {
    case Layout::KeyValueList:
        return QStringLiteral("key-value-list");
    case Layout::SpaceList:
        return QStringLiteral("space-list");
    case Layout::Single:
        break;
    }
    return QStringLiteral("single");
}

bool SignatureScheme::parseLayout(const QString &text, Layout *out)
{
    return parseName(text, kLayouts, &layoutName, out);
}

QString SignatureScheme::keyFormatName(KeyFormat format)
{
    switch (format) {
    case KeyFormat::Base64:
        return QStringLiteral("base64");
    case KeyFormat::Hex:
        return QStringLiteral("hex");
    case KeyFormat::Text:
        break;
    }
    return QStringLiteral("text");
}

bool SignatureScheme::parseKeyFormat(const QString &text, KeyFormat *out)
{
    return parseName(text, kKeyFormats, &keyFormatName, out);
}

QByteArray SignatureScheme::signedContent(const Parts &parts) const
{
    const std::pair<const char *, const QByteArray *> values[] = {
        {"{body}", &parts.body}, {"{timestamp}", &parts.timestamp}, {"{id}", &parts.id},
        {"{url}", &parts.url},   {"{method}", &parts.method},       {"{target}", &parts.target}};
    const QByteArray &t = payloadTemplate;
    QByteArray out;
    out.reserve(t.size() + parts.body.size() + parts.url.size() + 64);
    for (qsizetype i = 0; i < t.size();) {
        bool replaced = false;
        for (const auto &[name, value] : values) {
            const qsizetype n = qsizetype(qstrlen(name));
            if (t.at(i) == '{' && t.mid(i, n) == name) {
                out += *value;
                i += n;
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out += t.at(i++);
    }
    return out;
}

const QStringList &SignatureScheme::placeholders()
{
    static const QStringList names{QStringLiteral("{body}"), QStringLiteral("{timestamp}"), QStringLiteral("{id}"),
                                   QStringLiteral("{url}"),  QStringLiteral("{method}"),    QStringLiteral("{target}")};
    return names;
}

QString SignatureScheme::templateProblem() const
{
    // Anything in braces that looks like a name is meant as a placeholder: a typo such as
    // {timestmap} would otherwise be signed as literal text and every check would fail.
    static const QRegularExpression placeholder(QStringLiteral("\\{[A-Za-z_][A-Za-z0-9_-]*\\}"));
    const QString text = QString::fromUtf8(payloadTemplate);
    if (text.isEmpty())
        return QStringLiteral("the signed content is empty; it needs at least {body}");
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured();
        if (!placeholders().contains(name))
            return QStringLiteral("unknown placeholder %1 in the signed content (known: %2)")
                .arg(name, placeholders().join(QStringLiteral(", ")));
    }
    if (text.contains(QLatin1String("{timestamp}")) && !hasTimestamp())
        return QStringLiteral("the signed content uses {timestamp} but no timestamp header is set");
    if (text.contains(QLatin1String("{id}")) && idHeader.isEmpty())
        return QStringLiteral("the signed content uses {id} but no id header is set");
    return {};
}

QString SignatureScheme::problem() const
{
    if (header.trimmed().isEmpty())
        return QStringLiteral("the header that carries the signature is missing");
    if (layout != Layout::Single && signatureKey.isEmpty())
        return QStringLiteral("a signature list needs the version tag of its entries (e.g. v1)");
    return templateProblem();
}

} // namespace hookscope
