#pragma once

#include "SignatureRule.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope {

// The signature schemes vendors document, by name (standard names the kind packs refer to:
// "standard-webhooks", "svix", "stripe", "calendly", "github", "shopify", "square", "cal-com",
// "highlevel", "cubu", "jicoo"). Each preset cites the vendor page it follows.
class SignaturePresets final
{
public:
    struct Preset
    {
        QString name;
        QString vendor;
        QString source; // the vendor's documentation of the scheme
        bool builtInKeys = false; // verifies with the vendor's published key(s); no secret needed
        void (*fill)(SignatureRule *rule);
    };

    [[nodiscard]] static const QList<Preset> &all();
    [[nodiscard]] static QStringList names();
    [[nodiscard]] static const Preset *find(const QString &name);
    // Replaces the scheme and fallbacks of *rule by the preset's; keeps kind and secret.
    static void apply(const Preset &preset, SignatureRule *rule);

    // HighLevel's published webhook keys (marketplace.gohighlevel.com/docs/webhook/
    // WebhookIntegrationGuide): Ed25519 for x-ghl-signature, RSA for x-wh-signature.
    [[nodiscard]] static QByteArray highLevelEd25519Key();
    [[nodiscard]] static QByteArray highLevelRsaKey();
};

} // namespace hookscope
