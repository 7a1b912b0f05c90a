#include "SchemaRegistry.h"

#include "KindLoader.h"
#include "util/ResourceLocator.h"
#include "SchemaLog.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMutexLocker>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>

namespace hookscope {

namespace {

constexpr int kReloadDelayMs = 200; // editors write a file in several steps

} // namespace

SchemaRegistry::SchemaRegistry(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kReloadDelayMs);
    connect(m_debounce, &QTimer::timeout, this, &SchemaRegistry::reload);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_debounce, qOverload<>(&QTimer::start));
    loadBuiltIns();
    publish();
}

SchemaRegistry::~SchemaRegistry() = default;

QString SchemaRegistry::defaultUserKindsDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/kinds");
}

void SchemaRegistry::loadBuiltIns()
{
    // <prefix>/share/hookscope/kinds when installed, the source tree's in a build tree, else
    // the copies compiled in (":/kinds").
    const QString builtInKinds = ResourceLocator::directory(QStringLiteral("kinds"));
    const QStringList files
        = QDir(builtInKinds)
              .entryList({QLatin1String("*") + QLatin1String(KindLoader::kKindSuffix)}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        QString error;
        if (auto kind = KindLoader::loadKindFile(builtInKinds + u'/' + file, Kind::Origin::BuiltIn, &error)) {
            m_builtIns.append(std::move(kind));
        } else {
            qCWarning(lcSchema) << "built-in kind:" << error;
            m_builtInErrors.append(error);
        }
    }
    m_builtInPacks = PackLoader::load(ResourceLocator::directory(QStringLiteral("packs")), Pack::Origin::BuiltIn);
    for (const QString &error : std::as_const(m_builtInPacks.errors))
        qCWarning(lcSchema) << "built-in pack:" << error;
    m_builtInErrors += m_builtInPacks.errors;
}

void SchemaRegistry::setUserKindsDirectory(const QString &dir)
{
    const QString clean = dir.isEmpty() ? QString() : QDir::cleanPath(QDir(dir).absolutePath());
    if (clean == m_userDir)
        return;
    m_userDir = clean;
    reload();
}

void SchemaRegistry::setRoutes(const QHash<QString, QString> &pathToKind)
{
    if (pathToKind == m_routes)
        return;
    m_routes = pathToKind;
    publish();
    Q_EMIT kindsChanged();
}

void SchemaRegistry::reload()
{
    m_userKinds.clear();
    m_userErrors.clear();
    m_userPacks = {};
    if (!m_userDir.isEmpty()) {
        const QDir dir(m_userDir);
        const QString kindPattern = QLatin1String("*") + QLatin1String(KindLoader::kKindSuffix);
        const QString schemaPattern = QLatin1String("*") + QLatin1String(KindLoader::kSchemaSuffix);
        QSet<QString> ids;
        for (const QString &file : dir.entryList({kindPattern}, QDir::Files | QDir::Readable, QDir::Name)) {
            QString error;
            if (auto kind = KindLoader::loadKindFile(dir.filePath(file), Kind::Origin::User, &error)) {
                ids.insert(kind->id);
                m_userKinds.append(std::move(kind));
            } else {
                ids.insert(file.chopped(qsizetype(qstrlen(KindLoader::kKindSuffix))));
                m_userErrors.append(error);
            }
        }
        // A schema alone is a kind too, recognised by its top-level "required".
        for (const QString &file : dir.entryList({schemaPattern}, QDir::Files | QDir::Readable, QDir::Name)) {
            if (ids.contains(file.chopped(qsizetype(qstrlen(KindLoader::kSchemaSuffix)))))
                continue;
            QString error;
            if (auto kind = KindLoader::loadSchemaOnly(dir.filePath(file), Kind::Origin::User, &error))
                m_userKinds.append(std::move(kind));
            else
                m_userErrors.append(error);
        }
        // Vendor packs of the user's: add, override or switch off a whole pack.
        m_userPacks = PackLoader::load(dir.filePath(QStringLiteral("packs")), Pack::Origin::User);
        m_userErrors += m_userPacks.errors;
        for (const QString &error : std::as_const(m_userErrors))
            qCWarning(lcSchema) << "user kind:" << error;
        qCDebug(lcSchema) << "loaded" << m_userKinds.size() << "user kinds from" << m_userDir;
    }
    watch();
    publish();
    Q_EMIT kindsChanged();
}

void SchemaRegistry::watch()
{
    if (const QStringList watched = m_watcher->files() + m_watcher->directories(); !watched.isEmpty())
        m_watcher->removePaths(watched);
    if (m_userDir.isEmpty())
        return;
    const QFileInfo dir(m_userDir);
    if (!dir.isDir()) {
        // Notice the folder being created.
        const QString parent = dir.absolutePath();
        if (QFileInfo(parent).isDir())
            m_watcher->addPath(parent);
        return;
    }
    m_watcher->addPath(m_userDir);
    QStringList files;
    for (const QFileInfo &file : QDir(m_userDir).entryInfoList(QDir::Files))
        files.append(file.absoluteFilePath());
    files += PackLoader::watchPaths(QDir(m_userDir).filePath(QStringLiteral("packs")));
    if (!files.isEmpty())
        m_watcher->addPaths(files);
}

void SchemaRegistry::publish()
{
    QList<std::shared_ptr<const Kind>> kinds = PackLoader::compose(m_userKinds, m_userPacks, m_builtIns, m_builtInPacks);
    auto catalog = std::make_shared<const KindCatalog>(std::move(kinds), m_routes, m_builtInErrors + m_userErrors,
                                                       PackLoader::effectivePacks(m_userPacks, m_builtInPacks));
    const QMutexLocker lock(&m_mutex);
    m_catalog = std::move(catalog);
}

std::shared_ptr<const KindCatalog> SchemaRegistry::catalog() const
{
    const QMutexLocker lock(&m_mutex);
    return m_catalog;
}

} // namespace hookscope
