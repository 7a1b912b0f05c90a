#include "PackAnswers.h"

#include "HoldPolicy.h"
#include "PresetCatalog.h"
#include "schema/KindCatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

namespace {
constexpr double kMaxDeadlineSeconds = 3600;

// The kind, when it belongs to the pack; else the reason it may not be named there.
QString kindProblem(const KindCatalog &catalog, const QString &packId, const QString &kindId)
{
    const std::shared_ptr<const Kind> kind = catalog.kind(kindId);
    if (!kind)
        return QStringLiteral("there is no kind '%1'").arg(kindId);
    if (kind->pack != packId)
        return QStringLiteral("the kind '%1' is not of the pack %2").arg(kindId, packId);
    if (!kind->request)
        return QStringLiteral("the kind '%1' is a response, not a request").arg(kindId);
    return {};
}

bool readCapped(const QString &path, QByteArray *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    if (file.size() > PackAnswers::kMaxFileBytes) {
        *error = QStringLiteral("larger than %1 bytes").arg(PackAnswers::kMaxFileBytes);
        return false;
    }
    *out = file.read(PackAnswers::kMaxFileBytes + 1);
    if (out->size() > PackAnswers::kMaxFileBytes) { // grew while being read
        *error = QStringLiteral("larger than %1 bytes").arg(PackAnswers::kMaxFileBytes);
        return false;
    }
    return true;
}

// One hold.json member: {"hold": bool, "deadlineSeconds": 0…3600, "defaultPreset": string}.
QString holdRuleProblem(const QJsonValue &value, HoldRule *rule)
{
    if (!value.isObject())
        return QStringLiteral(": must be an object {\"hold\", \"deadlineSeconds\", \"defaultPreset\"}");
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("hold")) {
            if (!it->isBool())
                return QStringLiteral("/hold must be true or false");
            rule->hold = it->toBool();
        } else if (key == QLatin1String("deadlineSeconds")) {
            if (!it->isDouble() || it->toDouble() < 0 || it->toDouble() > kMaxDeadlineSeconds)
                return QStringLiteral("/deadlineSeconds must be a number from 0 to %1").arg(kMaxDeadlineSeconds);
            rule->deadlineMs = int(it->toDouble() * 1000);
        } else if (key == QLatin1String("defaultPreset")) {
            if (!it->isString())
                return QStringLiteral("/defaultPreset must be a string (a preset id, or empty)");
            rule->defaultPreset = it->toString();
        } else if (!key.startsWith(u'$')) {
            return QStringLiteral("/%1 is not a member of a hold rule").arg(key);
        }
    }
    return {};
}
} // namespace

void PackAnswers::addPresets(const KindCatalog &catalog, PresetCatalog *presets, QStringList *errors)
{
    for (const Pack &pack : catalog.packs()) {
        if (pack.disabled)
            continue;
        const QDir folder(QDir(pack.directory).filePath(QStringLiteral("presets")));
        const auto origin = pack.origin == Pack::Origin::User ? ResponsePreset::Origin::User : ResponsePreset::Origin::BuiltIn;
        for (const QString &name : folder.entryList({QStringLiteral("*.preset.json")}, QDir::Files, QDir::Name)) {
            const QString path = folder.filePath(name);
            QByteArray json;
            QString error;
            ResponsePreset preset;
            if (!readCapped(path, &json, &error) || !ResponsePreset::fromJson(json, &preset, &error)) {
                errors->append(QStringLiteral("%1: %2").arg(path, error));
                continue;
            }
            if (const QString problem = kindProblem(catalog, pack.id, preset.kind); !problem.isEmpty()) {
                errors->append(QStringLiteral("%1: /kind: %2").arg(path, problem));
                continue;
            }
            preset.origin = origin;
            preset.file = path;
            presets->add(std::move(preset));
        }
    }
}

void PackAnswers::addHold(const KindCatalog &catalog, HoldPolicy *policy, QStringList *errors)
{
    for (const Pack &pack : catalog.packs()) {
        const QString path = QDir(pack.directory).filePath(QStringLiteral("hold.json"));
        if (pack.disabled || !QFile::exists(path))
            continue;
        QByteArray json;
        QString error;
        if (!readCapped(path, &json, &error)) {
            errors->append(QStringLiteral("%1: %2").arg(path, error));
            continue;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
        if (!doc.isObject()) {
            errors->append(QStringLiteral("%1: %2").arg(path, parseError.error != QJsonParseError::NoError
                                                                   ? parseError.errorString()
                                                                   : QStringLiteral("a hold policy is a JSON object")));
            continue;
        }
        const QJsonObject root = doc.object();
        for (auto it = root.begin(); it != root.end(); ++it) {
            if (it.key().startsWith(u'$'))
                continue;
            const QString pointer = QLatin1Char('/') + it.key();
            HoldRule rule;
            QString problem = kindProblem(catalog, pack.id, it.key());
            if (problem.isEmpty())
                problem = holdRuleProblem(it.value(), &rule);
            else
                problem.prepend(QStringLiteral(": "));
            if (!problem.isEmpty()) {
                errors->append(QStringLiteral("%1: %2%3").arg(path, pointer, problem));
                continue;
            }
            policy->setRule(it.key(), rule);
        }
    }
}

} // namespace hookscope
