#include "PackSwitch.h"

#include "KindLoader.h"
#include "PackLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace hookscope {

namespace {

bool readManifest(const QString &path, QJsonObject *object, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1: not a JSON object; left as it is").arg(path);
        return false;
    }
    *object = doc.object();
    return true;
}

bool writeManifest(const QString &path, const QJsonObject &object, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson()) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString manifestPath(const QString &packsDir, const QString &pack)
{
    return QDir(packsDir).filePath(pack + u'/' + QLatin1String(PackLoader::kManifest));
}

} // namespace

bool PackSwitch::disable(const QString &packsDir, const QString &pack, QString *error)
{
    if (!KindLoader::isValidPackId(pack)) {
        if (error)
            *error = QStringLiteral("\"%1\" is not a pack name").arg(pack);
        return false;
    }
    const QString path = manifestPath(packsDir, pack);
    QJsonObject object;
    if (!readManifest(path, &object, error))
        return false;
    object.insert(QStringLiteral("disabled"), true);
    return writeManifest(path, object, error);
}

bool PackSwitch::enable(const QString &packsDir, const QString &pack, QString *error)
{
    if (!KindLoader::isValidPackId(pack))
        return false;
    const QString path = manifestPath(packsDir, pack);
    QJsonObject object;
    if (!QFile::exists(path))
        return true; // nothing switches it off
    if (!readManifest(path, &object, error))
        return false;
    object.remove(QStringLiteral("disabled"));
    object.remove(QStringLiteral("$comment"));
    const QDir dir = QFileInfo(path).absoluteDir();
    if (object.isEmpty() && dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot) == QStringList{QLatin1String(PackLoader::kManifest)}) {
        // Only the switch was there: remove it, so the built-in pack is back as it ships.
        const bool removed = QFile::remove(path) && QDir(packsDir).rmdir(pack);
        if (!removed && error)
            *error = QStringLiteral("%1: could not be removed").arg(path);
        return removed;
    }
    QJsonObject kept;
    if (!readManifest(path, &kept, error))
        return false;
    kept.remove(QStringLiteral("disabled"));
    return writeManifest(path, kept, error);
}

} // namespace hookscope
