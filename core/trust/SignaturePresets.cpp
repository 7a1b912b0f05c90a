#include "SignaturePresets.h"

namespace hookscope {

namespace {
using A = SignatureScheme::Algorithm;
using E = SignatureScheme::Encoding;
using L = SignatureScheme::Layout;

// Standard Webhooks (www.standardwebhooks.com, spec/standard-webhooks.md): webhook-id,
// webhook-timestamp (Unix seconds), webhook-signature "v1,<base64>" space-separated, HMAC-SHA256
// of "{id}.{timestamp}.{body}" with the whsec_ secret base64-decoded. Svix is the same with
// svix-* headers (docs.svix.com/receiving/verifying-payloads/how-manual).
void standardWebhooks(SignatureRule *r, const QByteArray &headerPrefix)
{
    r->algorithm = A::HmacSha256;
    r->header = headerPrefix + "-signature";
    r->encoding = E::Base64;
    r->layout = L::SpaceList;
    r->signatureKey = "v1";
    r->timestampHeader = headerPrefix + "-timestamp";
    r->idHeader = headerPrefix + "-id";
    r->payloadTemplate = "{id}.{timestamp}.{body}";
    r->keyFormat = SignatureScheme::KeyFormat::Base64;
}

// "t=<unix>,v1=<hex>[,v1=<hex>]" over "{timestamp}.{body}", secret used as text.
void keyValueList(SignatureRule *r, const QByteArray &header)
{
    r->algorithm = A::HmacSha256;
    r->header = header;
    r->encoding = E::Hex;
    r->layout = L::KeyValueList;
    r->signatureKey = "v1";
    r->timestampKey = "t";
    r->payloadTemplate = "{timestamp}.{body}";
}

void bodyHmac(SignatureRule *r, const QByteArray &header, E encoding, const QByteArray &prefix = {})
{
    r->algorithm = A::HmacSha256;
    r->header = header;
    r->encoding = encoding;
    r->prefix = prefix;
    r->payloadTemplate = "{body}";
}
} // namespace

QByteArray SignaturePresets::highLevelEd25519Key()
{
    return QByteArrayLiteral("-----BEGIN PUBLIC KEY-----\n"
                             "MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=\n"
                             "-----END PUBLIC KEY-----\n");
}

QByteArray SignaturePresets::highLevelRsaKey()
{
    return QByteArrayLiteral("-----BEGIN PUBLIC KEY-----\n"
                             "MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC\n"
                             "Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6\n"
                             "dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB\n"
                             "csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv\n"
                             "uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF\n"
                             "3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU\n"
                             "J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp\n"
                             "IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN\n"
                             "h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC\n"
                             "HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ\n"
                             "PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk\n"
                             "T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==\n"
                             "-----END PUBLIC KEY-----\n");
}

const QList<SignaturePresets::Preset> &SignaturePresets::all()
{
    static const QList<Preset> presets{
        {QStringLiteral("standard-webhooks"), QStringLiteral("Standard Webhooks"),
         QStringLiteral("https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md"), false,
         [](SignatureRule *r) { standardWebhooks(r, "webhook"); }},
        {QStringLiteral("svix"), QStringLiteral("Svix"),
         QStringLiteral("https://docs.svix.com/receiving/verifying-payloads/how-manual"), false,
         [](SignatureRule *r) { standardWebhooks(r, "svix"); }},
        {QStringLiteral("stripe"), QStringLiteral("Stripe"), QStringLiteral("https://docs.stripe.com/webhooks#verify-manually"),
         false, [](SignatureRule *r) { keyValueList(r, "Stripe-Signature"); }},
        {QStringLiteral("calendly"), QStringLiteral("Calendly"),
         QStringLiteral("https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures"), false,
         [](SignatureRule *r) { keyValueList(r, "Calendly-Webhook-Signature"); }},
        {QStringLiteral("jicoo"), QStringLiteral("Jicoo"), QStringLiteral("https://developer.jicoo.com/doc-356016"), false,
         [](SignatureRule *r) { keyValueList(r, "Jicoo-Webhook-Signature"); }},
        {QStringLiteral("github"), QStringLiteral("GitHub"),
         QStringLiteral("https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries"), false,
         [](SignatureRule *r) {
             bodyHmac(r, "X-Hub-Signature-256", E::Hex, "sha256=");
             r->idHeader = "X-GitHub-Delivery";
         }},
        {QStringLiteral("shopify"), QStringLiteral("Shopify"),
         QStringLiteral("https://shopify.dev/docs/apps/build/webhooks/subscribe/https"), false,
         [](SignatureRule *r) {
             bodyHmac(r, "X-Shopify-Hmac-Sha256", E::Base64);
             r->idHeader = "X-Shopify-Webhook-Id";
         }},
        // Square signs the notification URL (exactly as configured in Square) then the body.
        {QStringLiteral("square"), QStringLiteral("Square"), QStringLiteral("https://developer.squareup.com/docs/webhooks/step3validate"),
         false,
         [](SignatureRule *r) {
             bodyHmac(r, "x-square-hmacsha256-signature", E::Base64);
             r->payloadTemplate = "{url}{body}";
         }},
        {QStringLiteral("cal-com"), QStringLiteral("Cal.com"), QStringLiteral("https://cal.com/docs/developing/guides/automation/webhooks"),
         false, [](SignatureRule *r) { bodyHmac(r, "x-cal-signature-256", E::Hex); }},
        // Cubu documents the header ("Authorization: HMAC <mac>") on its configuration page; what is
        // signed follows its HMAC Validation (ASP.NET Core) sample: HMAC-SHA256 of the raw body, base64.
        {QStringLiteral("cubu"), QStringLiteral("Cubu"),
         QStringLiteral("https://docs.cubu.com/guides/technical-guide/webhooks/webhooks-configuration"), false,
         [](SignatureRule *r) { bodyHmac(r, "Authorization", E::Base64, "HMAC "); }},
        // HighLevel: Ed25519 in x-ghl-signature, and until its deprecation the legacy RSA-SHA256 in
        // x-wh-signature, both base64 over the raw body, with HighLevel's published keys.
        {QStringLiteral("highlevel"), QStringLiteral("HighLevel"),
         QStringLiteral("https://marketplace.gohighlevel.com/docs/webhook/WebhookIntegrationGuide"), true,
         [](SignatureRule *r) {
             r->algorithm = A::Ed25519;
             r->header = "x-ghl-signature";
             r->encoding = E::Base64;
             r->payloadTemplate = "{body}";
             r->builtInKey = highLevelEd25519Key();
             SignatureScheme rsa;
             rsa.algorithm = A::RsaSha256;
             rsa.header = "x-wh-signature";
             rsa.encoding = E::Base64;
             rsa.builtInKey = highLevelRsaKey();
             r->fallbacks = {rsa};
         }},
    };
    return presets;
}

QStringList SignaturePresets::names()
{
    QStringList out;
    for (const Preset &preset : all())
        out << preset.name;
    return out;
}

const SignaturePresets::Preset *SignaturePresets::find(const QString &name)
{
    for (const Preset &preset : all()) {
        if (preset.name.compare(name, Qt::CaseInsensitive) == 0)
            return &preset;
    }
    return nullptr;
}

void SignaturePresets::apply(const Preset &preset, SignatureRule *rule)
{
    SignatureRule filled;
    filled.kind = rule->kind;
    filled.secret = rule->secret;
    filled.preset = preset.name;
    preset.fill(&filled);
    *rule = filled;
}

} // namespace hookscope
