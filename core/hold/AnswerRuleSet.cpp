#include "AnswerRuleSet.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

namespace hookscope {

bool AnswerRuleSet::fromJson(const QByteArray &json, AnswerRuleSet *out, QString *error)
{
    if (json.size() > kMaxFileBytes) {
        *error = QStringLiteral("a rule file is at most %1 KiB").arg(kMaxFileBytes / 1024);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("a rule file is a JSON object {\"enabled\": true, \"rules\": [ … ]}");
        return false;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != QLatin1String("enabled") && it.key() != QLatin1String("rules")
            && it.key() != QLatin1String("$comment")) {
            *error = QStringLiteral("unknown member '%1' (a rule file has 'enabled' and 'rules')").arg(it.key());
            return false;
        }
    }
    AnswerRuleSet set;
    const QJsonValue enabled = o.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool()) {
        *error = QStringLiteral("'enabled' must be true or false");
        return false;
    }
    set.enabled = enabled.toBool(true);
    const QJsonValue rules = o.value(QStringLiteral("rules"));
    if (!rules.isUndefined() && !rules.isArray()) {
        *error = QStringLiteral("'rules' must be a list");
        return false;
    }
    const QJsonArray list = rules.toArray();
    if (list.size() > kMaxRules) {
        *error = QStringLiteral("at most %1 rules").arg(kMaxRules);
        return false;
    }
    QSet<QString> names;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString name = list.at(i).toObject().value(QStringLiteral("name")).toString().left(80);
        const QString where = name.isEmpty() ? QStringLiteral("rule %1").arg(i + 1)
                                             : QStringLiteral("rule %1 \"%2\"").arg(i + 1).arg(name);
        if (!list.at(i).isObject()) {
            *error = QStringLiteral("%1: a rule is a JSON object").arg(where);
            return false;
        }
        AnswerRule rule;
        QString ruleError;
        if (!AnswerRule::fromJson(list.at(i).toObject(), &rule, &ruleError)) {
            *error = QStringLiteral("%1: %2").arg(where, ruleError);
            return false;
        }
        // The Result column names the rule: two of one name could not be told apart.
        if (names.contains(rule.name)) {
            *error = QStringLiteral("%1: another rule has this name").arg(where);
            return false;
        }
        names.insert(rule.name);
        set.rules.append(std::move(rule));
    }
    *out = std::move(set);
    return true;
}

QByteArray AnswerRuleSet::toJson() const
{
    QJsonArray list;
    for (const AnswerRule &rule : rules)
        list.append(rule.toJson());
    return QJsonDocument(QJsonObject{{QStringLiteral("enabled"), enabled}, {QStringLiteral("rules"), list}})
        .toJson(QJsonDocument::Indented);
}

bool AnswerRuleSet::load(const QString &path, AnswerRuleSet *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    // One byte more than allowed tells "too big" apart from "exactly the limit".
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    QString parseError;
    if (!fromJson(bytes, out, &parseError)) {
        *error = QStringLiteral("%1: %2").arg(path, parseError);
        return false;
    }
    return true;
}

bool AnswerRuleSet::save(const QString &path, QString *error) const
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString AnswerRuleSet::userFile()
{
    // Beside PresetCatalog::userDirectory() (<config>/presets), spelt out so that the rule file's
    // parser links without the preset catalog (fuzz_rule_file).
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/answer-rules.json");
}

bool AnswerRuleSet::active() const
{
    return enabled && std::any_of(rules.cbegin(), rules.cend(), [](const AnswerRule &rule) { return rule.enabled; });
}

bool AnswerRuleSet::needsKind() const
{
    return std::any_of(rules.cbegin(), rules.cend(), [](const AnswerRule &r) { return r.enabled && r.needsKind(); });
}

bool AnswerRuleSet::needsBody() const
{
    return std::any_of(rules.cbegin(), rules.cend(), [](const AnswerRule &r) { return r.enabled && r.needsBody(); });
}

} // namespace hookscope
