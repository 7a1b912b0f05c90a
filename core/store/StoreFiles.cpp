#include "StoreFiles.h"

#include "platform/FileIdentity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace hookscope {

namespace {

// Where a name leads once every symlink is followed, also when the file itself does not
// exist (yet): its folder resolved, its name kept. A dangling symlink is followed to its target.
QString resolved(const QString &path)
{
    QFileInfo info(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    for (int hops = 0; hops < 40 && info.isSymLink() && !info.exists(); ++hops)
        info = QFileInfo(QDir::cleanPath(QDir(info.absolutePath()).absoluteFilePath(info.symLinkTarget())));
    if (info.exists())
        return info.canonicalFilePath();
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return (folder.isEmpty() ? info.absolutePath() : folder) + QLatin1Char('/') + info.fileName();
}

bool sameInode(const QString &a, const QString &b)
{
    return platform::sameFile(a, b);
}

} // namespace

QStringList StoreFiles::of(const QString &storePath)
{
    return {storePath, storePath + QStringLiteral("-wal"), storePath + QStringLiteral("-shm"),
            storePath + QStringLiteral("-journal")};
}

QString StoreFiles::overwriteReason(const QString &candidate, const QString &storePath)
{
    if (candidate.isEmpty() || storePath.isEmpty())
        return {};
    const QString target = resolved(candidate);
    // The companions sit beside the database's real location, whatever name it was opened by.
    const QString database = resolved(storePath);
    const QStringList names = {QStringLiteral("the event store"), QStringLiteral("the event store's write-ahead log"),
                               QStringLiteral("the event store's shared-memory index"),
                               QStringLiteral("the event store's journal")};
    const QStringList viaName = of(storePath);
    const QStringList viaResolved = of(database);
    for (qsizetype i = 0; i < viaName.size(); ++i) {
        const bool same = target == resolved(viaName.at(i)) || target == viaResolved.at(i);
        if (same || sameInode(candidate, viaName.at(i)) || sameInode(candidate, viaResolved.at(i))) {
            const QString how = same ? (QFileInfo(candidate).isSymLink() ? QStringLiteral(" (through a symlink)") : QString())
                                     : QStringLiteral(" (another hard link to the same file)");
            return QStringLiteral("%1 is %2 (%3)%4: writing to it would destroy the events")
                .arg(candidate, names.at(i), viaResolved.at(i), how);
        }
    }
    return {};
}

} // namespace hookscope
