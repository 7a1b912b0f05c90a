#include "PackSignatureSpec.h"

#include "schema/KindCatalog.h"
#include "trust/SignaturePresets.h"

#include <QSet>
#include <QStringList>

namespace hookscope {

namespace {
const QLatin1String kPackSuffix("/*");

QString packNames(const KindCatalog &catalog)
{
    QStringList names;
    for (const Pack &pack : catalog.packs()) {
        if (!pack.disabled)
            names << pack.id + kPackSuffix;
    }
    return names.join(QStringLiteral(", "));
}
} // namespace

QString PackSignatureSpec::packKind(const QString &packId)
{
    return packId + kPackSuffix;
}

QString PackSignatureSpec::packOfKind(const QString &kind)
{
    return kind.size() > kPackSuffix.size() && kind.endsWith(kPackSuffix) ? kind.chopped(kPackSuffix.size()) : QString();
}

SignatureRules PackSignatureSpec::expandRules(const SignatureRules &rules, const KindCatalog &catalog)
{
    SignatureRules out;
    QSet<QString> ownRules;
    for (const SignatureRule &rule : rules) {
        if (packOfKind(rule.kind).isEmpty()) {
            out.append(rule);
            ownRules.insert(rule.kind);
        }
    }
    for (const SignatureRule &rule : rules) {
        const QString packId = packOfKind(rule.kind);
        const Pack *pack = packId.isEmpty() ? nullptr : catalog.pack(packId);
        if (!pack || pack->disabled)
            continue;
        for (const std::shared_ptr<const Kind> &kind : catalog.kinds()) {
            if (kind->pack != packId || !kind->request || ownRules.contains(kind->id))
                continue;
            SignatureRule perKind = rule;
            perKind.kind = kind->id;
            out.append(perKind);
            ownRules.insert(kind->id);
        }
    }
    return out;
}

bool PackSignatureSpec::isPackSpec(const QString &spec)
{
    const qsizetype eq = spec.indexOf(u'=');
    return eq > 2 && spec.left(eq).trimmed().endsWith(kPackSuffix);
}

bool PackSignatureSpec::expand(const QString &spec, const KindCatalog &catalog, SignatureRules *out, QString *error)
{
    const qsizetype eq = spec.indexOf(u'=');
    const QString packId = spec.left(eq).trimmed().chopped(kPackSuffix.size());
    const Pack *pack = catalog.pack(packId);
    if (!pack) {
        *error = QStringLiteral("'%1': there is no pack %2 (packs: %3)").arg(spec, packId, packNames(catalog));
        return false;
    }
    if (pack->disabled) {
        *error = QStringLiteral("'%1': the pack %2 is switched off").arg(spec, packId);
        return false;
    }
    const QString rest = spec.mid(eq + 1);
    QString ruleSpec = QStringLiteral("%1/*=%2").arg(packId, rest);
    // Without a preset in front, the rest is the secret file and the scheme the pack's.
    if (!SignaturePresets::find(rest.section(u':', 0, 0).trimmed())) {
        if (pack->signature.isEmpty()) {
            *error = QStringLiteral("'%1': the pack %2 names no signature scheme (its documentation states none): "
                                    "give one, %2/*=PRESET:SECRETFILE")
                         .arg(spec, packId);
            return false;
        }
        ruleSpec = rest.trimmed().isEmpty() ? QStringLiteral("%1/*=%2").arg(packId, pack->signature)
                                            : QStringLiteral("%1/*=%2:%3").arg(packId, pack->signature, rest);
    }
    SignatureRule rule;
    if (!SignatureRule::parseSpec(ruleSpec, &rule, error))
        return false; // names the spec with the pack's preset filled in
    int added = 0;
    for (const std::shared_ptr<const Kind> &kind : catalog.kinds()) {
        if (kind->pack != packId || !kind->request)
            continue;
        SignatureRule perKind = rule;
        perKind.kind = kind->id;
        out->append(perKind);
        ++added;
    }
    if (added == 0) {
        *error = QStringLiteral("'%1': the pack %2 has no kinds").arg(spec, packId);
        return false;
    }
    return true;
}

} // namespace hookscope
