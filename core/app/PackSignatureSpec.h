#pragma once

#include "trust/SignatureRule.h"

#include <QString>

namespace hookscope {

class KindCatalog;

// `--signature PACK/*=SECRETFILE`: the signature rule of a whole vendor pack. The scheme is the
// one the pack's pack.json names ("signature": "cubu"), so the user gives only the secret; an
// explicit preset (`PACK/*=PRESET:SECRETFILE`) still wins, and a preset with built-in keys needs
// no file (`highlevel/*=`). Expands into one rule per request kind of the pack in `catalog`.
class PackSignatureSpec final
{
public:
    PackSignatureSpec() = delete;

    // True when the spec's kind part is "PACK/*".
    [[nodiscard]] static bool isPackSpec(const QString &spec);
    // Appends the pack's rules to *out; false with *error (the pack is unknown, switched off,
    // names no scheme, or the secret file is unusable).
    [[nodiscard]] static bool expand(const QString &spec, const KindCatalog &catalog, SignatureRules *out, QString *error);

    // The saved rules (Settings -> Secrets and signatures) with each pack rule (kind "PACK/*",
    // one secret for the vendor) replaced by one rule per request kind of the pack in `catalog`;
    // a kind's own rule wins over its pack's. A pack that is unknown or switched off adds nothing.
    [[nodiscard]] static SignatureRules expandRules(const SignatureRules &rules, const KindCatalog &catalog);
    // "cubu/*" for a pack id; the pack id of such a kind, else "".
    [[nodiscard]] static QString packKind(const QString &packId);
    [[nodiscard]] static QString packOfKind(const QString &kind);
};

} // namespace hookscope
