#include "PackLoader.h"

#include "KindLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace hookscope {

namespace {

constexpr qint64 kMaxManifestBytes = 64 * 1024;

// Which pack ids a set holds, and which of them are disabled.
QSet<QString> packIds(const PackSet &set, bool disabledOnly)
{
    QSet<QString> ids;
    for (const Pack &pack : set.packs) {
        if (!disabledOnly || pack.disabled)
            ids.insert(pack.id);
    }
    return ids;
}

} // namespace

bool PackLoader::loadManifest(const QString &packDir, Pack::Origin origin, Pack *pack, QString *error)
{
    const QString path = QDir(packDir).filePath(QLatin1String(kManifest));
    pack->id = QFileInfo(packDir).fileName();
    pack->title = pack->id;
    pack->directory = packDir;
    pack->origin = origin;
    if (!KindLoader::isValidPackId(pack->id)) {
        *error = QStringLiteral("%1: \"%2\" is not a valid pack name (letters, digits, '_' and '-')").arg(path, pack->id);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > kMaxManifestBytes) {
        *error = QStringLiteral("%1: larger than %2 bytes").arg(path).arg(kMaxManifestBytes);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: not a JSON object%2")
                     .arg(path, parseError.error != QJsonParseError::NoError
                                    ? QStringLiteral(" (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset)
                                    : QString());
        return false;
    }
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        bool ok = true;
        if (key == QLatin1String("$comment")) {
            // free text
        } else if (key == QLatin1String("id")) {
            ok = value.toString() == pack->id;
        } else if (key == QLatin1String("disabled")) {
            ok = value.isBool();
            pack->disabled = value.toBool();
        } else if (key == QLatin1String("title") || key == QLatin1String("docs") || key == QLatin1String("setup")
                   || key == QLatin1String("signature")) {
            ok = value.isString();
            QString &field = key == QLatin1String("title")  ? pack->title
                             : key == QLatin1String("docs") ? pack->docs
                             : key == QLatin1String("setup") ? pack->setup
                                                             : pack->signature;
            field = value.toString();
        } else {
            *error = QStringLiteral("%1: unknown member '%2'").arg(path, key);
            return false;
        }
        if (!ok) {
            *error = key == QLatin1String("id")
                ? QStringLiteral("%1: 'id' must be \"%2\", the folder's name").arg(path, pack->id)
                : QStringLiteral("%1: bad value for '%2'").arg(path, key);
            return false;
        }
    }
    return true;
}

PackSet PackLoader::load(const QString &packsDir, Pack::Origin origin)
{
    PackSet set;
    if (packsDir.isEmpty())
        return set;
    const QDir root(packsDir);
    const Kind::Origin kindOrigin = origin == Pack::Origin::User ? Kind::Origin::User : Kind::Origin::BuiltIn;
    const QString kindPattern = QLatin1String("*") + QLatin1String(KindLoader::kKindSuffix);
    for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Readable, QDir::Name)) {
        const QString dir = root.filePath(name);
        if (!QFileInfo::exists(QDir(dir).filePath(QLatin1String(kManifest))))
            continue; // not a pack
        Pack pack;
        QString error;
        if (!loadManifest(dir, origin, &pack, &error)) {
            set.errors.append(error);
            continue;
        }
        set.packs.append(pack);
        if (pack.disabled)
            continue;
        const QDir kinds(QDir(dir).filePath(QStringLiteral("kinds")));
        for (const QString &file : kinds.entryList({kindPattern}, QDir::Files | QDir::Readable, QDir::Name)) {
            std::shared_ptr<const Kind> loaded = KindLoader::loadKindFile(kinds.filePath(file), kindOrigin, pack.id, &error);
            if (!loaded) {
                set.errors.append(error);
                continue;
            }
            if (loaded->sampleFile.isEmpty()) {
                const QString sample = QDir(dir).filePath(QStringLiteral("samples/%1.json").arg(loaded->id));
                if (QFileInfo::exists(sample)) {
                    auto withSample = std::make_shared<Kind>(*loaded);
                    withSample->sampleFile = sample;
                    loaded = std::move(withSample);
                }
            }
            set.kinds.append(std::move(loaded));
        }
    }
    return set;
}

QStringList PackLoader::watchPaths(const QString &packsDir)
{
    const QDir packs(packsDir);
    if (packsDir.isEmpty() || !packs.exists())
        return {};
    QStringList paths{packs.absolutePath()};
    for (const QFileInfo &pack : packs.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        paths.append(pack.absoluteFilePath());
        for (const QFileInfo &entry : QDir(pack.absoluteFilePath()).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot)) {
            paths.append(entry.absoluteFilePath());
            if (!entry.isDir())
                continue;
            for (const QFileInfo &file : QDir(entry.absoluteFilePath()).entryInfoList(QDir::Files))
                paths.append(file.absoluteFilePath());
        }
    }
    return paths;
}

QList<std::shared_ptr<const Kind>> PackLoader::compose(const QList<std::shared_ptr<const Kind>> &userKinds,
                                                       const PackSet &userPacks,
                                                       const QList<std::shared_ptr<const Kind>> &builtInKinds,
                                                       const PackSet &builtInPacks)
{
    const QSet<QString> replacedPacks = packIds(userPacks, false); // user packs, disabled ones included
    const QSet<QString> disabledPacks = packIds(userPacks, true);
    QSet<QString> takenIds;
    QList<std::shared_ptr<const Kind>> kinds;
    const auto add = [&](const std::shared_ptr<const Kind> &kind) {
        if (disabledPacks.contains(kind->pack) || takenIds.contains(kind->id))
            return;
        takenIds.insert(kind->id);
        kinds.append(kind);
    };
    for (const auto &kind : userKinds)
        add(kind);
    for (const auto &kind : userPacks.kinds)
        add(kind);
    for (const auto &kind : builtInKinds) {
        if (!replacedPacks.contains(kind->pack))
            add(kind);
    }
    for (const auto &kind : builtInPacks.kinds) {
        if (!replacedPacks.contains(kind->pack))
            add(kind);
    }
    return kinds;
}

QList<Pack> PackLoader::effectivePacks(const PackSet &userPacks, const PackSet &builtInPacks)
{
    QList<Pack> packs = userPacks.packs;
    const QSet<QString> replaced = packIds(userPacks, false);
    for (const Pack &pack : builtInPacks.packs) {
        if (!replaced.contains(pack.id))
            packs.append(pack);
    }
    return packs;
}

} // namespace hookscope
