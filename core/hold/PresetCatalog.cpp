#include "PresetCatalog.h"

#include "PackAnswers.h"
#include "util/ResourceLocator.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

namespace hookscope {

PresetCatalog PresetCatalog::builtIn()
{
    PresetCatalog catalog;
    catalog.loadDirectory(ResourceLocator::directory(QStringLiteral("presets")), ResponsePreset::Origin::BuiltIn);
    // Each vendor pack's answers: resources/packs/<vendor>/presets.
    const QDir packs(ResourceLocator::directory(QStringLiteral("packs")));
    for (const QString &pack : packs.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        catalog.loadDirectory(packs.filePath(pack + QStringLiteral("/presets")), ResponsePreset::Origin::BuiltIn);
    return catalog;
}

PresetCatalog PresetCatalog::load()
{
    PresetCatalog catalog = builtIn();
    catalog.loadDirectory(userDirectory(), ResponsePreset::Origin::User);
    return catalog;
}

PresetCatalog PresetCatalog::load(const KindCatalog &catalog, QStringList *errors)
{
    PresetCatalog presets;
    presets.loadDirectory(ResourceLocator::directory(QStringLiteral("presets")), ResponsePreset::Origin::BuiltIn);
    QStringList packErrors;
    PackAnswers::addPresets(catalog, &presets, &packErrors);
    presets.m_errors.append(packErrors);
    if (errors)
        errors->append(packErrors);
    presets.loadDirectory(userDirectory(), ResponsePreset::Origin::User);
    return presets;
}

QString PresetCatalog::userDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/presets");
}

void PresetCatalog::loadDirectory(const QString &dir, ResponsePreset::Origin origin)
{
    const QDir folder(dir);
    const QStringList names = folder.entryList({QStringLiteral("*.preset.json")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(folder.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            m_errors.append(QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
            continue;
        }
        if (file.size() > PackAnswers::kMaxFileBytes) { // the user's folder is as hostile as the kinds folder
            m_errors.append(QStringLiteral("%1: larger than %2 bytes").arg(file.fileName()).arg(PackAnswers::kMaxFileBytes));
            continue;
        }
        ResponsePreset preset;
        QString error;
        if (!ResponsePreset::fromJson(file.read(PackAnswers::kMaxFileBytes), &preset, &error)) {
            m_errors.append(QStringLiteral("%1: %2").arg(file.fileName(), error));
            continue;
        }
        preset.origin = origin;
        preset.file = file.fileName();
        add(std::move(preset));
    }
}

void PresetCatalog::add(ResponsePreset preset)
{
    const auto same = std::find_if(m_presets.begin(), m_presets.end(), [&](const ResponsePreset &p) {
        return p.kind == preset.kind && p.id == preset.id;
    });
    if (same != m_presets.end())
        *same = std::move(preset);
    else
        m_presets.append(std::move(preset));
}

QList<ResponsePreset> PresetCatalog::forKind(const QString &kind) const
{
    QList<ResponsePreset> out;
    for (const ResponsePreset &p : m_presets) {
        if (p.kind == kind)
            out.append(p);
    }
    std::stable_sort(out.begin(), out.end(), [](const ResponsePreset &a, const ResponsePreset &b) {
        return a.order != b.order ? a.order < b.order : a.title < b.title;
    });
    return out;
}

const ResponsePreset *PresetCatalog::find(const QString &kind, const QString &id) const
{
    for (const ResponsePreset &p : m_presets) {
        if (p.kind == kind && p.id == id)
            return &p;
    }
    return nullptr;
}

bool PresetCatalog::saveUserPreset(const QString &dir, ResponsePreset preset, QString *error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create the folder %1").arg(dir);
        return false;
    }
    QSaveFile file(QDir(dir).filePath(preset.id + QStringLiteral(".preset.json")));
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(preset.toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    preset.origin = ResponsePreset::Origin::User;
    preset.file = file.fileName();
    add(std::move(preset));
    return true;
}

} // namespace hookscope
