#include "HoldPolicy.h"

#include "PackAnswers.h"
#include "util/ResourceLocator.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace hookscope {

namespace {
constexpr int kMaxDeadlineMs = 3600 * 1000;
const QString kSettingsGroup = QStringLiteral("hold");
} // namespace

std::optional<RespondRule> RespondRule::parse(const QString &text, QString *error)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == text.size() - 1) {
        *error = QStringLiteral("'%1' is not KIND=PRESET[:ARGUMENT]").arg(text);
        return std::nullopt;
    }
    RespondRule rule;
    rule.kind = text.left(eq).trimmed();
    // "cubu/before-queue-up": the vendor-qualified id; kind ids are unique, the id alone is kept.
    if (const qsizetype slash = rule.kind.indexOf(QLatin1Char('/')); slash > 0)
        rule.kind = rule.kind.mid(slash + 1);
    const QString rest = text.mid(eq + 1);
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    rule.presetId = (colon < 0 ? rest : rest.left(colon)).trimmed();
    if (colon >= 0) {
        QString argument = rest.mid(colon + 1);
        // Quotes that reached us (a shell that kept them, a CI file) are not part of the text.
        if (argument.size() >= 2 && argument.startsWith(QLatin1Char('"')) && argument.endsWith(QLatin1Char('"')))
            argument = argument.mid(1, argument.size() - 2);
        rule.argument = argument;
    }
    if (rule.kind.isEmpty() || rule.presetId.isEmpty()) {
        *error = QStringLiteral("'%1' is not KIND=PRESET[:ARGUMENT]").arg(text);
        return std::nullopt;
    }
    return rule;
}

HoldPolicy HoldPolicy::builtIn()
{
    HoldPolicy policy;
    QFile file(ResourceLocator::directory(QStringLiteral("hold")) + QStringLiteral("/policy.json"));
    QString error;
    if (file.open(QIODevice::ReadOnly))
        (void)policy.loadJson(file.readAll(), &error);
    // Each vendor pack's synchronous hooks: resources/packs/<vendor>/hold.json, same format.
    const QDir packs(ResourceLocator::directory(QStringLiteral("packs")));
    for (const QString &pack : packs.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QFile packFile(packs.filePath(pack + QStringLiteral("/hold.json")));
        if (packFile.open(QIODevice::ReadOnly))
            (void)policy.loadJson(packFile.readAll(), &error);
    }
    return policy;
}

HoldPolicy HoldPolicy::builtIn(const KindCatalog &catalog, QStringList *errors)
{
    HoldPolicy policy;
    QFile file(ResourceLocator::directory(QStringLiteral("hold")) + QStringLiteral("/policy.json"));
    QString error;
    if (file.open(QIODevice::ReadOnly))
        (void)policy.loadJson(file.readAll(), &error);
    QStringList packErrors;
    PackAnswers::addHold(catalog, &policy, &packErrors);
    if (errors)
        errors->append(packErrors);
    return policy;
}

bool HoldPolicy::loadJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                               : QStringLiteral("a hold policy is a JSON object");
        return false;
    }
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key().startsWith(QLatin1Char('$')))
            continue;
        const QJsonObject o = it.value().toObject();
        HoldRule rule;
        rule.hold = o.value(QStringLiteral("hold")).toBool(false);
        rule.deadlineMs = qBound(0, int(o.value(QStringLiteral("deadlineSeconds")).toDouble(10) * 1000), kMaxDeadlineMs);
        rule.defaultPreset = o.value(QStringLiteral("defaultPreset")).toString(QStringLiteral("accept"));
        m_rules.insert(it.key(), rule);
    }
    return true;
}

HoldRule HoldPolicy::rule(const QString &kind) const
{
    return m_rules.value(kind, HoldRule{});
}

void HoldPolicy::setRule(const QString &kind, const HoldRule &rule)
{
    m_rules.insert(kind, rule);
}

std::optional<RespondRule> HoldPolicy::respond(const QString &kind) const
{
    const auto it = m_respond.find(kind);
    if (it == m_respond.end())
        return std::nullopt;
    return *it;
}

bool HoldPolicy::needsClassification() const
{
    if (!m_respond.isEmpty())
        return true;
    for (const HoldRule &rule : m_rules) {
        if (rule.hold)
            return true;
    }
    return false;
}

QStringList HoldPolicy::activeKinds() const
{
    QStringList out = m_respond.keys();
    for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
        if (it->hold && !out.contains(it.key()))
            out.append(it.key());
    }
    return out;
}

void HoldPolicy::loadSettings(const QSettings &settings)
{
    const QString prefix = kSettingsGroup + QLatin1Char('/');
    for (const QString &key : settings.allKeys()) {
        if (!key.startsWith(prefix) || !key.endsWith(QLatin1String("/hold")))
            continue;
        const QString kind = key.mid(prefix.size(), key.size() - prefix.size() - 5);
        const QString base = prefix + kind + QLatin1Char('/');
        HoldRule rule = this->rule(kind);
        rule.hold = settings.value(base + QStringLiteral("hold"), rule.hold).toBool();
        rule.deadlineMs = qBound(0, settings.value(base + QStringLiteral("deadlineMs"), rule.deadlineMs).toInt(), kMaxDeadlineMs);
        rule.defaultPreset = settings.value(base + QStringLiteral("defaultPreset"), rule.defaultPreset).toString();
        m_rules.insert(kind, rule);
    }
}

void HoldPolicy::saveSettings(QSettings &settings) const
{
    for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
        const QString base = kSettingsGroup + QLatin1Char('/') + it.key() + QLatin1Char('/');
        settings.setValue(base + QStringLiteral("hold"), it->hold);
        settings.setValue(base + QStringLiteral("deadlineMs"), it->deadlineMs);
        settings.setValue(base + QStringLiteral("defaultPreset"), it->defaultPreset);
    }
}

} // namespace hookscope
