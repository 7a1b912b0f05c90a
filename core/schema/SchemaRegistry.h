#pragma once

#include "KindCatalog.h"
#include "PackLoader.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>

#include <memory>

class QFileSystemWatcher;
class QTimer;

namespace hookscope {

// Owns the kinds Hookscope knows: the built-in ones from Qt resources (:/kinds/*.kind.json with
// the schemas under :/schemas) and the user's, from a folder that is watched and reloaded on
// change. Lives in the GUI (or CLI) thread; other threads only call catalog(), which hands out an
// immutable snapshot.
class SchemaRegistry final : public QObject {
    Q_OBJECT
public:
    // Loads the built-in kinds only. The application adds the user's with
    // setUserKindsDirectory(defaultUserKindsDirectory()) (or a folder from its settings); tests
    // and tools that must not see them simply do not.
    explicit SchemaRegistry(QObject *parent = nullptr);
    ~SchemaRegistry() override;

    // QStandardPaths::AppConfigLocation + "/kinds".
    [[nodiscard]] static QString defaultUserKindsDirectory();

    // Loads the user kinds from dir and watches it; "" drops them.
    void setUserKindsDirectory(const QString &dir);
    [[nodiscard]] QString userKindsDirectory() const { return m_userDir; }

    // Routes the user configured: request path -> kind id.
    void setRoutes(const QHash<QString, QString> &pathToKind);

    // Thread-safe.
    [[nodiscard]] std::shared_ptr<const KindCatalog> catalog() const;

    // Re-reads the user folder now (the watcher does it by itself, debounced).
    void reload();

Q_SIGNALS:
    // A new catalog is in place (user kinds reloaded or routes changed).
    void kindsChanged();

private:
    void loadBuiltIns();
    void publish();
    void watch();

    QList<std::shared_ptr<const Kind>> m_builtIns;
    QStringList m_builtInErrors;
    PackSet m_builtInPacks; // resources/packs
    QList<std::shared_ptr<const Kind>> m_userKinds;
    QStringList m_userErrors;
    PackSet m_userPacks; // <user kinds folder>/packs
    QHash<QString, QString> m_routes;
    QString m_userDir;
    QFileSystemWatcher *m_watcher; // child
    QTimer *m_debounce; // child

    mutable QMutex m_mutex; // guards m_catalog
    std::shared_ptr<const KindCatalog> m_catalog;
};

} // namespace hookscope
